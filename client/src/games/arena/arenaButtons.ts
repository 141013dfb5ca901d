/** The arena's button bits (one import site, so a move of the constant touches one line). */
export { Button } from '../../../../shared/protocol/constants';

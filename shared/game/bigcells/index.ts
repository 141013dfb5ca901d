/** bigcells: the cells rules in a 1,000-player world with interest management. */
export { bigcells, makeBigcells } from './bigcells';
export { BIG_WORLD, BIGCELLS_SEATS } from './constants';

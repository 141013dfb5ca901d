export * from './constants';
export * from './messages';
export * from './decodeError';
export * from './entitySchema';
export * from './entityTable';
export * from './snapshotDelta';
export * from './snapshotFrame';
export * from './frameCodec';
export { ByteWriter, ByteReader } from './bytes';

export * from './protocol';
export { request } from './request';

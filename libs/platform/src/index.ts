export * from './clock';
export * from './config.provider';
export * from './event-store.module';
export * from './ids';
export * from './platform.module';
export * from './auth/signing-secret';
export * from './auth/tokens';
export * from './bounded-cache';

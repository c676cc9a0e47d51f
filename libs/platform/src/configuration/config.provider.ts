import { type MarginaliaConfig } from '@marginalia/config';

export const MARGINALIA_CONFIG = Symbol('MarginaliaConfig');

export function configProvider(config: MarginaliaConfig) {
  return { provide: MARGINALIA_CONFIG, useValue: config };
}

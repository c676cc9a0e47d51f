import { collectDefaultMetrics, Registry } from 'prom-client';

let processRegistry: Registry | undefined;

/**
 * prom-client's default metrics (heap, GC, CPU, handles, its event-loop lag) describe the
 * process, and each collection starts a GC observer and a delay monitor that are never
 * stopped: so they are collected once per process, into a registry of their own (never
 * prom-client's global one), which every application instance of the process renders.
 */
export function processMetrics(): Registry {
  if (processRegistry === undefined) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

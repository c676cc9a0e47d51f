import { getHeapStatistics } from 'node:v8';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';

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
    // The ceiling the heap figures are read against (`--max-old-space-size` plus the young
    // generation): the server dies of "heap out of memory" there.
    new Gauge({
      name: 'marginalia_heap_size_limit_bytes',
      help: 'V8 heap size limit (heap_size_limit of v8.getHeapStatistics)',
      registers: [processRegistry],
      collect() {
        this.set(getHeapStatistics().heap_size_limit);
      },
    });
  }
  return processRegistry;
}

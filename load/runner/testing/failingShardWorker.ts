/** A shard worker that fails while it loads, before it is ready: the run must fail with the reason, not crash. */
throw new Error('this shard cannot load');

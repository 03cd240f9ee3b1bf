console.error('apps/bench: the benchmark is not built yet (see issue "apps/bench").');

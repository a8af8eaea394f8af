// The benchmark shapes of bench/AgentFunctions.Bench in LangGraph.js, with no-op nodes and no checkpointer
// (LangGraph's fastest configuration). Prints one JSON object on stdout.
//
//   node langgraph-bench.mjs --shape fanout --n 1000 [--repeat 3] [--repeat-under-ms 5000]
//   node langgraph-bench.mjs --shape chain  --n 200
//
// fanout: root → N workers (Send) → join.  chain: n0 → n1 → … → n(N-1).
// Timings (ms) cover building + compiling the graph and invoking it; a first small run warms up the JIT.
import { Annotation, END, Send, START, StateGraph } from "@langchain/langgraph";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";

const require = createRequire(import.meta.url);
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
    a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const shape = args.shape ?? "fanout";
const n = Number(args.n ?? 100);
const repeat = Number(args.repeat ?? 3);
const repeatUnderMs = Number(args["repeat-under-ms"] ?? 5000);

const State = Annotation.Root({
    k: Annotation(),
    joined: Annotation(),
});

function fanOut(k) {
    return new StateGraph(State)
        .addNode("root", () => ({}))
        .addNode("worker", () => ({}))
        .addNode("join", () => ({ joined: true }))
        .addEdge(START, "root")
        .addConditionalEdges("root", (s) => Array.from({ length: s.k }, (_, i) => new Send("worker", { i })), ["worker"])
        .addEdge("worker", "join")
        .addEdge("join", END)
        .compile();
}

function chain(length, stamps) {
    let g = new StateGraph(State);
    for (let i = 0; i < length; i++) {
        g = g.addNode(`n${i}`, () => { stamps.push(performance.now()); return {}; });
    }
    g = g.addEdge(START, "n0");
    for (let i = 1; i < length; i++) {
        g = g.addEdge(`n${i - 1}`, `n${i}`);
    }
    return g.addEdge(`n${length - 1}`, END).compile();
}

async function once(size) {
    const stamps = [];
    const started = performance.now();
    const graph = shape === "chain" ? chain(size, stamps) : fanOut(size);
    const compiled = performance.now();
    const result = await graph.invoke({ k: size, joined: false }, { recursionLimit: size + 10 });
    const ended = performance.now();
    if (shape === "fanout" && result.joined !== true) {
        throw new Error("the join did not run");
    }
    if (shape === "chain" && stamps.length !== size) {
        throw new Error(`${stamps.length} of ${size} chain nodes ran`);
    }
    const gaps = stamps.slice(1).map((t, i) => t - stamps[i]);
    return { totalMs: ended - started, buildMs: compiled - started, invokeMs: ended - compiled, gaps };
}

const quantile = (values, q) => {
    if (values.length === 0) return null;
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
};

await once(Math.min(n, 10)); // warm-up
const heapBefore = process.memoryUsage().heapUsed;
const runs = [];
do {
    runs.push(await once(n));
} while (runs.length < repeat && runs.reduce((t, r) => t + r.totalMs, 0) < repeatUnderMs);

const median = runs.map((r) => r.totalMs).sort((a, b) => a - b)[Math.floor((runs.length - 1) / 2)];
const chosen = runs.find((r) => r.totalMs === median);
console.log(JSON.stringify({
    peer: "langgraph.js",
    langgraph: require("@langchain/langgraph/package.json").version,
    core: require("@langchain/core/package.json").version,
    node: process.version,
    shape,
    n,
    runs: runs.length,
    totalMs: runs.map((r) => r.totalMs),
    medianMs: median,
    buildMs: chosen.buildMs,
    invokeMs: chosen.invokeMs,
    stepP50Ms: quantile(chosen.gaps, 0.5),
    stepP95Ms: quantile(chosen.gaps, 0.95),
    heapDeltaMb: (process.memoryUsage().heapUsed - heapBefore) / 1048576,
}));

using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Orchestration;

/// <summary>The outcome of a run request.</summary>
public abstract record CreateRunOutcome;

/// <summary>The run was accepted (or already existed with this id).</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Status">Its status now.</param>
/// <param name="Created">False when a run with this id already existed (idempotent resubmission).</param>
public sealed record RunAccepted(string RunId, string Status, bool Created) : CreateRunOutcome;

/// <summary>The named graph is not in the catalog.</summary>
/// <param name="Graph">The name asked for.</param>
/// <param name="Known">The graph names that exist.</param>
public sealed record GraphNotFound(string Graph, IReadOnlyList<string> Known) : CreateRunOutcome;

/// <summary>The request is invalid: the graph does not validate, or the inputs do not match it.</summary>
/// <param name="Title">One-line summary.</param>
/// <param name="Errors">Each problem with its field, YAML line and node.</param>
public sealed record RunRequestInvalid(string Title, IReadOnlyList<GraphError> Errors) : CreateRunOutcome;

/// <summary>The API key may not start runs of this graph: it lacks the runner role or one of the graph's domains.</summary>
/// <param name="Graph">The graph's name.</param>
/// <param name="Domains">The graph's domains.</param>
public sealed record RunForbidden(string Graph, IReadOnlyList<string> Domains) : CreateRunOutcome;

/// <summary>The run's inputs are larger than <c>Limits:MaxInputBytes</c>.</summary>
/// <param name="Bytes">Their size as compact UTF-8 JSON.</param>
/// <param name="Limit">The limit in bytes.</param>
public sealed record RunInputTooLarge(int Bytes, int Limit) : CreateRunOutcome;

/// <summary>A domain of the graph already has its most concurrent runs (<c>limits.max_concurrent_runs</c> in its DOMAIN.md).</summary>
/// <param name="Domain">The domain.</param>
/// <param name="Cap">Its cap.</param>
/// <param name="ActiveRuns">The pending or running runs that hold its slots.</param>
public sealed record DomainRunCapReached(string Domain, int Cap, IReadOnlyList<string> ActiveRuns) : CreateRunOutcome;

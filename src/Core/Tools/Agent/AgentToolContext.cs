namespace AgentFunctions.Core.Tools.Agent;

/// <summary>Where a node's project tools act: the run, node and attempt (their working copies are named after them) and the
/// repository they read and test.</summary>
/// <param name="RunId">The run.</param>
/// <param name="NodeId">The node (or <c>for_each</c> instance).</param>
/// <param name="Attempt">The 1-based attempt.</param>
/// <param name="Repository">The repository, relative to the repositories root (<c>Workspaces:RepositoriesRoot</c>); null when the
/// node names none (the repository tools then answer that they have no repository).</param>
/// <param name="TestCommand">The test command <c>run_tests</c> runs (the node input's <c>test_command</c>), or null for the default.</param>
public sealed record AgentToolContext(string RunId, string NodeId, int Attempt, string? Repository, string? TestCommand);

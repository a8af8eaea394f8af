using System.Globalization;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Tools.Processes;
using AgentFunctions.Core.Tools.Workspaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tools.Shell;

/// <summary>
/// <c>shell</c>: runs a command with <c>/bin/sh -c</c> in the node attempt's folder under the work root. Disabled unless
/// <see cref="ShellToolOptions.Enabled"/> is true. The command sees <c>AF_RUN_ID</c>, <c>AF_NODE_ID</c>,
/// <c>AF_ATTEMPT</c> and <c>AF_ITERATION</c>. Succeeds when the command exits with code 0 within its timeout.
/// </summary>
/// <remarks>
/// <para>
/// Arguments: <c>command</c> (required string), <c>timeout</c> (seconds, default
/// <see cref="ShellToolOptions.DefaultTimeoutSeconds"/>, at most <see cref="ShellToolOptions.MaxTimeoutSeconds"/>).
/// Output: <c>{exit_code, output, duration_ms, timed_out}</c>, <c>output</c> being the tail of stdout then stderr; plus
/// <c>json</c>, the parsed value, when the whole of stdout is one JSON object or array (so later nodes can read its fields,
/// or <c>for_each</c> over it).
/// </para>
/// <para>
/// This is the sandbox's one deliberate exception: the only tool that runs a shell command line, so the programs the
/// command starts are not checked against <see cref="SandboxOptions.AllowedCommands"/>. Its environment is scrubbed like
/// every tool's (<see cref="SandboxEnvironment"/>) and it runs in its own process group.
/// </para>
/// </remarks>
public sealed class ShellTool : ITool
{
    /// <summary>The tool name graphs use.</summary>
    public const string ToolName = "shell";

    private readonly ProcessRunner _runner;
    private readonly WorkspaceManager _workspaces;
    private readonly ShellToolOptions _options;
    private readonly ILogger<ShellTool> _logger;

    /// <summary>Creates the tool.</summary>
    /// <param name="runner">Runs the shell.</param>
    /// <param name="workspaces">Gives the attempt's folder under the work root.</param>
    /// <param name="options">Whether the tool is enabled, and its timeouts.</param>
    /// <param name="logger">Logs refused calls.</param>
    public ShellTool(ProcessRunner runner, WorkspaceManager workspaces, IOptions<ShellToolOptions> options, ILogger<ShellTool> logger)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(workspaces);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _runner = runner;
        _workspaces = workspaces;
        _options = options.Value;
        _logger = logger;
    }

    /// <inheritdoc/>
    public string Name => ToolName;

    /// <inheritdoc/>
    public string Description => "Runs a shell command (/bin/sh -c); disabled unless Tools:Shell:Enabled is true.";

    /// <inheritdoc/>
    public IReadOnlyList<string> RequiredArguments { get; } = ["command"];

    /// <inheritdoc/>
    public IReadOnlyList<string> KnownArguments { get; } = ["command", "timeout"];

    /// <inheritdoc/>
    public async Task<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var command = ToolArguments.GetRequiredString(invocation.Arguments, ToolName, "command");
        var timeout = ToolArguments.GetOptionalNumber(invocation.Arguments, ToolName, "timeout") ?? _options.DefaultTimeoutSeconds;
        if (timeout <= 0 || timeout > _options.MaxTimeoutSeconds)
        {
            throw new ToolArgumentException(ToolName, "timeout", $"must be more than 0 and at most {_options.MaxTimeoutSeconds} seconds.");
        }

        if (!_options.Enabled)
        {
            _logger.ShellRefused(invocation.RunId, invocation.NodeId);
            const string refused = "The shell tool is disabled: it would let a graph run any command on this host. " +
                "Enable it only where that is acceptable, with configuration Tools:Shell:Enabled=true " +
                "(environment variable Tools__Shell__Enabled=true).";
            return new ToolResult(false, new JsonObject { ["enabled"] = false, ["error"] = refused }, refused);
        }

        var folderName = invocation.Iteration > 1 ? string.Create(CultureInfo.InvariantCulture, $"{invocation.NodeId}.i{invocation.Iteration}") : invocation.NodeId;
        var folder = _workspaces.GetWorkspacePath(invocation.RunId, folderName, invocation.Attempt);
        Directory.CreateDirectory(folder);
        var request = new ProcessRequest("/bin/sh", ["-c", command])
        {
            WorkingDirectory = folder,
            Timeout = TimeSpan.FromSeconds(timeout),
            Environment = new Dictionary<string, string?>
            {
                ["AF_RUN_ID"] = invocation.RunId,
                ["AF_NODE_ID"] = invocation.NodeId,
                ["AF_ATTEMPT"] = invocation.Attempt.ToString(CultureInfo.InvariantCulture),
                ["AF_ITERATION"] = invocation.Iteration.ToString(CultureInfo.InvariantCulture),
            },
        };
        var result = await _runner.RunAsync(request, cancellationToken);
        var output = new JsonObject
        {
            ["exit_code"] = result.ExitCode,
            ["output"] = result.CombinedOutput(_options.OutputTailChars),
            ["duration_ms"] = result.DurationMs,
            ["timed_out"] = result.TimedOut,
        };
        if (!result.OutputTruncated && ParseJson(result.StandardOutput) is { } json)
        {
            output["json"] = json;
        }

        return result.Succeeded
            ? new ToolResult(true, output)
            : new ToolResult(false, output, result.TimedOut
                ? $"The command timed out after {timeout.ToString(CultureInfo.InvariantCulture)} s and was killed."
                : $"The command exited with code {result.ExitCode}.");
    }

    /// <summary>Parses stdout when all of it (spaces aside) is one JSON object or array; otherwise null.</summary>
    private static JsonNode? ParseJson(string stdout)
    {
        var text = stdout.Trim();
        if (text.Length < 2 || !(text[0] == '{' && text[^1] == '}') && !(text[0] == '[' && text[^1] == ']'))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

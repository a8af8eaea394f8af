using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace AgentFunctions.Core.Tools.Processes;

/// <content>What the runner starts: the executable itself, or the process-group wrapper around it, with a scrubbed environment.</content>
public sealed partial class ProcessRunner
{
    private ProcessStartInfo CreateStartInfo(ProcessRequest request, string executable, bool grouped)
    {
        var (fileName, arguments) = grouped
            ? ProcessGroup.Command(Environment.ProcessId, executable, request.Arguments)
            : (executable, request.Arguments);
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = request.WorkingDirectory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Start from the host's environment without secret-looking variables, then apply what the request sets.
        var inherited = startInfo.Environment;
        var removed = inherited.Where(kv => SandboxEnvironment.IsDenied(kv.Key, kv.Value, _sandbox)).Select(kv => kv.Key).ToList();
        foreach (var name in removed)
        {
            inherited.Remove(name);
        }

        if (removed.Count > 0 && _logger.IsEnabled(LogLevel.Debug))
        {
            // Names only: the values are what the scrub keeps from the child, and from the log.
            _logger.EnvironmentScrubbed(request.FileName, removed.Count, string.Join(", ", removed.Order(StringComparer.Ordinal)));
        }

        foreach (var (name, value) in request.Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        return startInfo;
    }
}

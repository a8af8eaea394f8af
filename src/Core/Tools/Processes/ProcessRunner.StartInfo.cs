using System.Diagnostics;
using System.Text;

namespace AgentFunctions.Core.Tools.Processes;

/// <content>What the runner starts: the executable itself, or the process-group wrapper around it.</content>
public sealed partial class ProcessRunner
{
    private static ProcessStartInfo CreateStartInfo(ProcessRequest request, string executable, bool grouped)
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

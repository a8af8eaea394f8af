using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Tools.Workspaces;

namespace AgentFunctions.Core.Tools;

/// <summary>Reads tool arguments from a node's resolved <c>with:</c> map, throwing <see cref="ToolArgumentException"/> on a wrong shape.</summary>
internal static class ToolArguments
{
    public static string GetRequiredString(JsonObject arguments, string tool, string name, bool allowEmpty = false)
    {
        var value = GetOptionalString(arguments, tool, name)
            ?? throw new ToolArgumentException(tool, name, "is required.");
        return allowEmpty || !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new ToolArgumentException(tool, name, "must not be empty.");
    }

    public static string? GetOptionalString(JsonObject arguments, string tool, string name)
    {
        var node = arguments[name];
        if (node is null)
        {
            return null;
        }

        return node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw new ToolArgumentException(tool, name, $"must be a string, not {node.GetValueKind()}.");
    }

    public static JsonObject GetRequiredObject(JsonObject arguments, string tool, string name) =>
        arguments[name] switch
        {
            JsonObject value => value,
            null => throw new ToolArgumentException(tool, name, "is required."),
            var other => throw new ToolArgumentException(tool, name, $"must be an object, not {other.GetValueKind()}."),
        };

    public static double? GetOptionalNumber(JsonObject arguments, string tool, string name)
    {
        var node = arguments[name];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
        {
            // The value may be held as an integer (from YAML or a resolved expression); its JSON text parses either way.
            return double.Parse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
        }

        return node is JsonValue text && text.GetValueKind() == JsonValueKind.String
            && double.TryParse(text.GetValue<string>(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new ToolArgumentException(tool, name, "must be a number.");
    }

    /// <summary>Reads a command given as a string (split on whitespace, no quoting) or as an array of strings.</summary>
    public static IReadOnlyList<string>? GetOptionalCommand(JsonObject arguments, string tool, string name)
    {
        var node = arguments[name];
        string[] command = node switch
        {
            null => [],
            JsonArray array => [.. array.Select(item => item is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? v.GetValue<string>()
                : throw new ToolArgumentException(tool, name, "must be a string or an array of strings."))],
            JsonValue v when v.GetValueKind() == JsonValueKind.String =>
                v.GetValue<string>().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            _ => throw new ToolArgumentException(tool, name, "must be a string or an array of strings."),
        };
        if (node is null)
        {
            return null;
        }

        return command.Length > 0 && !string.IsNullOrWhiteSpace(command[0])
            ? command
            : throw new ToolArgumentException(tool, name, "must name a program to run.");
    }

    /// <summary>Resolves the <c>repo</c> argument under the repositories root, turning path errors into argument errors.</summary>
    public static string ResolveRepository(WorkspaceManager workspaces, string tool, string repository)
    {
        try
        {
            return workspaces.ResolveRepository(repository);
        }
        catch (ArgumentException ex)
        {
            var message = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);
            throw new ToolArgumentException(tool, "repo", message);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new ToolArgumentException(tool, "repo", ex.Message);
        }
    }
}

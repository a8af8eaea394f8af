using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AgentFunctions.Functions.Tests.Deploy;

/// <summary>
/// Reads a compiled ARM template (the output of <c>bicep build</c>) as a flat list of resources. A Bicep module compiles to
/// a <c>Microsoft.Resources/deployments</c> resource whose <c>properties.template</c> is the module's template and whose
/// <c>properties.parameters</c> bind its parameters (learn.microsoft.com/azure/azure-resource-manager/templates/linked-templates,
/// "Nested template"); this class walks them recursively. It is not an ARM evaluator: it substitutes
/// <c>parameters('p')</c> (optionally followed by <c>.property</c>) and <c>variables('v')</c> by their bound value or
/// default, as text inside an expression, and leaves every other function call as it is. The top template's parameters
/// take their <c>defaultValue</c>; one without a default stays <c>parameters('p')</c>. Both resource layouts are read:
/// an array (language version 1) and an object keyed by symbolic name (language version 2.0, which Bicep emits when a
/// file uses user-defined types); <c>existing</c> resources are skipped.
/// </summary>
internal static partial class ArmTemplate
{
    /// <summary>Flattens a compiled template.</summary>
    /// <param name="template">The template's root object.</param>
    /// <returns>Every resource of the template and of its nested deployments, deployments included.</returns>
    public static IReadOnlyList<ArmResource> Flatten(JsonNode template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var resources = new List<ArmResource>();
        Walk(template.AsObject(), bound: null, module: "", resources);
        return resources;
    }

    private static void Walk(JsonObject template, JsonObject? bound, string module, List<ArmResource> into)
    {
        var scope = new Scope(template, bound);
        foreach (var raw in Resources(template))
        {
            if (raw["existing"] is JsonValue existing && existing.TryGetValue<bool>(out var isExisting) && isExisting)
            {
                continue;
            }

            var type = raw["type"]!.GetValue<string>();
            if (type == "Microsoft.Resources/deployments" && raw["properties"]?["template"] is JsonObject inner)
            {
                // Bind the inner parameters in the outer scope before descending; keep the template itself unresolved.
                var parameters = new JsonObject();
                foreach (var (name, value) in raw["properties"]!["parameters"] as JsonObject ?? [])
                {
                    parameters[name] = scope.Resolve(value?["value"]);
                }

                var deploymentName = scope.Resolve(raw["name"])!.ToString();
                var shallow = raw.DeepClone().AsObject();
                shallow["properties"]!.AsObject().Remove("template");
                into.Add(ToResource(scope.Resolve(shallow)!.AsObject(), module));
                Walk(inner, parameters, module.Length == 0 ? deploymentName : $"{module}/{deploymentName}", into);
                continue;
            }

            into.Add(ToResource(scope.Resolve(raw)!.AsObject(), module));
        }
    }

    private static ArmResource ToResource(JsonObject body, string module) =>
        new(body["type"]!.GetValue<string>(), body["name"]!.ToString(), body["condition"], body["scope"]?.ToString(), body, module);

    private static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject symbolic => symbolic.Select(kv => kv.Value).OfType<JsonObject>(),
        _ => [],
    };

    [GeneratedRegex(@"(parameters|variables)\('([^']+)'\)((?:\.[A-Za-z_][A-Za-z0-9_]*)*)")]
    private static partial Regex Reference();

    /// <summary>One template's parameters and variables, resolved lazily.</summary>
    private sealed class Scope(JsonObject template, JsonObject? bound)
    {
        private readonly Dictionary<string, JsonNode?> _parameters = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, JsonNode?> _variables = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _resolving = new(StringComparer.OrdinalIgnoreCase);

        public JsonNode? Resolve(JsonNode? node) => node switch
        {
            null => null,
            JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(ResolveKey(kv.Key), Resolve(kv.Value)))),
            JsonArray a => new JsonArray([.. a.Select(Resolve)]),
            JsonValue v when v.TryGetValue<string>(out var s) => ResolveString(s),
            _ => node.DeepClone(),
        };

        // Object keys can be expressions too (a site's userAssignedIdentities is keyed by the identity's resource id).
        private string ResolveKey(string key) => ResolveString(key)?.ToString() ?? key;

        private JsonNode? ResolveString(string text)
        {
            if (!IsExpression(text))
            {
                return JsonValue.Create(text);
            }

            var expression = text[1..^1];
            var whole = Reference().Match(expression);
            if (whole.Success && whole.Length == expression.Length)
            {
                // The whole expression is one reference: keep the bound value's own type (object, number, bool).
                return Lookup(whole)?.DeepClone();
            }

            var replaced = Reference().Replace(expression, m => Render(Lookup(m)) ?? m.Value);
            return JsonValue.Create(replaced.StartsWith('\'') && IsOneLiteral(replaced) ? replaced[1..^1].Replace("''", "'", StringComparison.Ordinal) : $"[{replaced}]");
        }

        private JsonNode? Lookup(Match reference)
        {
            var kind = reference.Groups[1].Value;
            var name = reference.Groups[2].Value;
            JsonNode? value = kind == "parameters" ? Parameter(name) : Variable(name);
            if (value is null)
            {
                return null;
            }

            foreach (var property in reference.Groups[3].Value.Split('.', StringSplitOptions.RemoveEmptyEntries))
            {
                value = value is JsonObject o && o.TryGetPropertyValue(property, out var child) ? child : null;
                if (value is null)
                {
                    return null;
                }
            }

            return value;
        }

        private JsonNode? Parameter(string name)
        {
            if (_parameters.TryGetValue(name, out var known))
            {
                return known;
            }

            JsonNode? value = bound is not null && bound.TryGetPropertyValue(name, out var given)
                ? given
                : Guarded("p:" + name, () => Resolve(template["parameters"]?[name]?["defaultValue"]));
            _parameters[name] = value;
            return value;
        }

        private JsonNode? Variable(string name)
        {
            if (_variables.TryGetValue(name, out var known))
            {
                return known;
            }

            var value = Guarded("v:" + name, () => Resolve(template["variables"]?[name]));
            _variables[name] = value;
            return value;
        }

        private JsonNode? Guarded(string key, Func<JsonNode?> resolve)
        {
            if (!_resolving.Add(key))
            {
                return null;
            }

            try
            {
                return resolve();
            }
            finally
            {
                _resolving.Remove(key);
            }
        }

        // A value as text inside an expression: an expression loses its brackets, a string becomes a quoted literal,
        // anything else its JSON (enough for the contract's substring checks).
        private static string? Render(JsonNode? value) => value switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => IsExpression(s) ? s[1..^1] : $"'{s.Replace("'", "''", StringComparison.Ordinal)}'",
            _ => value.ToJsonString(new JsonSerializerOptions { WriteIndented = false }),
        };

        private static bool IsExpression(string text) =>
            text.Length >= 2 && text[0] == '[' && text[^1] == ']' && !text.StartsWith("[[", StringComparison.Ordinal);

        private static bool IsOneLiteral(string text)
        {
            if (text.Length < 2 || text[^1] != '\'')
            {
                return false;
            }

            for (var i = 1; i < text.Length - 1; i++)
            {
                if (text[i] == '\'')
                {
                    if (i + 1 < text.Length - 1 && text[i + 1] == '\'')
                    {
                        i++;
                        continue;
                    }

                    return false;
                }
            }

            return true;
        }
    }
}

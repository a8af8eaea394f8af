using System.Text.Json.Nodes;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests;

/// <summary>Every HTTP function declared for the Functions host (function.json) is served by the app on the same route and method.</summary>
[Collection(AppCollection.Name)]
public sealed class RouteCoverageTests(AppFixture fixture)
{
    [Fact]
    public async Task EveryHttpFunctionJson_RouteIsServedByTheApp()
    {
        var folder = Path.Combine(AppHarness.RepositoryRoot, "src", "Functions", "FunctionsHost");
        var missing = new List<string>();
        foreach (var file in Directory.GetFiles(folder, "function.json", SearchOption.AllDirectories))
        {
            var trigger = JsonNode.Parse(await File.ReadAllTextAsync(file))!["bindings"]!.AsArray().Single(b => b!["direction"]!.GetValue<string>() == "in")!;
            if (trigger["type"]!.GetValue<string>() != "httpTrigger")
            {
                continue;
            }

            var route = System.Text.RegularExpressions.Regex.Replace(trigger["route"]!.GetValue<string>(), "\\{[^}]+\\}", "x");
            foreach (var method in trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), $"api/{route}");
                if (method == "POST")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                using var response = await fixture.Harness.Http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                // An unmapped route gets the framework's generic 404/405 problem; mapped ones answer 2xx or one of our
                // problems, which always carry a stable "code".
                var ours = response.IsSuccessStatusCode || (body.StartsWith('{') && JsonNode.Parse(body)?["code"] is not null);
                if (!ours)
                {
                    missing.Add($"{method} /api/{route} ({Path.GetFileName(Path.GetDirectoryName(file))}): {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(missing.Count == 0, "Not served: " + string.Join("; ", missing));
    }
}

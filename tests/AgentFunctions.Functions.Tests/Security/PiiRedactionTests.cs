using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests.Security;

/// <summary>
/// PII redaction in the real app on Azurite against a local OpenAI-compatible server that echoes the prompt it received: under
/// <c>redact</c> every request body the provider receives holds tokens and none of the values, and the node's output (the echo)
/// has the real values restored; under <c>block</c> the node fails before any model request; under <c>off</c> the prompt goes as is.
/// </summary>
public sealed partial class PiiRedactionTests(PiiRedactionTests.PiiApp fixture) : IClassFixture<PiiRedactionTests.PiiApp>
{
    private const string Email = "jane.doe@example.com";
    private const string Card = "4111 1111 1111 1111";
    private const string Ssn = "123-45-6789";
    private const string Name = "Jane Doe";
    private readonly AppHarness _app = fixture.App;
    private readonly FakeOpenAIServer _model = fixture.Model;

    [Fact]
    public async Task Run_Redact_ProviderSeesOnlyTokens_OutputHasTheValues()
    {
        var before = _model.Requests.Count;
        var runId = await _app.SubmitAsync(new { graphYaml = Graph("support/echo"), inputs = Inputs() });
        var (run, _) = await _app.WaitForEndAsync(runId, TimeSpan.FromMinutes(3));

        Assert.True(run["status"]!.GetValue<string>() == "succeeded", run.ToJsonString());
        var requests = _model.Requests.Skip(before).Select(r => r.ToJsonString()).ToList();
        Assert.Equal(2, requests.Count); // the first node and the second, which reads the first's output
        foreach (var body in requests)
        {
            foreach (var value in new[] { Email, Card, "4111111111111111", Ssn, Name, "Jane", "Doe" })
            {
                Assert.DoesNotContain(value, body, StringComparison.Ordinal);
            }

            foreach (var token in new[] { "<EMAIL_1>", "<CARD_1>", "<SSN_1>", "<NAME_1>" })
            {
                Assert.Contains(JsonValue.Create(token).ToJsonString().Trim('"'), body, StringComparison.Ordinal);
            }
        }

        var nodes = run["nodes"]!.AsArray().ToDictionary(n => n!["id"]!.GetValue<string>(), n => n!);
        foreach (var id in new[] { "first", "second" })
        {
            var text = nodes[id]["output"]!["text"]!.GetValue<string>();
            Assert.Contains(Email, text, StringComparison.Ordinal);
            Assert.Contains(Card, text, StringComparison.Ordinal);
            Assert.Contains(Ssn, text, StringComparison.Ordinal);
            Assert.Contains(Name, text, StringComparison.Ordinal);
            Assert.DoesNotContain("<EMAIL_1>", text, StringComparison.Ordinal);
            var redacted = nodes[id]["details"]!["pii"]!["redacted"]!.AsObject();
            Assert.Equal(["card", "email", "name", "ssn"], redacted.Select(kv => kv.Key).Order(StringComparer.Ordinal));
            Assert.All(redacted, kv => Assert.Equal(1, kv.Value!.GetValue<int>()));
        }

        var events = await _app.GetEventsAsync(runId);
        var detected = events.Where(e => e["type"]!.GetValue<string>() == "pii_detected").ToList();
        Assert.Equal(2, detected.Count);
        Assert.All(detected, e => Assert.DoesNotContain(Email, e.ToJsonString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_Block_FailsTheNodeBeforeAnyModelRequest_NamingTheKinds()
    {
        var before = _model.Requests.Count;
        var runId = await _app.SubmitAsync(new { graphYaml = Graph("locked/echo"), inputs = Inputs() });
        var (run, _) = await _app.WaitForEndAsync(runId, TimeSpan.FromMinutes(3));

        Assert.Equal("failed", run["status"]!.GetValue<string>());
        Assert.Equal(before, _model.Requests.Count);
        var first = run["nodes"]!.AsArray().Single(n => n!["id"]!.GetValue<string>() == "first")!;
        var error = first["error"]!.GetValue<string>();
        Assert.Contains("security.pii: block", error, StringComparison.Ordinal);
        Assert.Contains("1 card", error, StringComparison.Ordinal);
        Assert.Contains("1 email", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Email, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Off_SendsThePromptUnchanged()
    {
        var before = _model.Requests.Count;
        var runId = await _app.SubmitAsync(new { graphYaml = Graph("open/echo"), inputs = Inputs() });
        var (run, _) = await _app.WaitForEndAsync(runId, TimeSpan.FromMinutes(3));

        Assert.True(run["status"]!.GetValue<string>() == "succeeded", run.ToJsonString());
        var body = _model.Requests.Skip(before).First().ToJsonString();
        Assert.Contains(Email, body, StringComparison.Ordinal);
        Assert.DoesNotContain("<EMAIL_1>", body, StringComparison.Ordinal);
        Assert.Null(run["nodes"]![0]!["details"]!["pii"]);
    }

    private static object Inputs() => new
    {
        customer_name = Name,
        message = $"Hi, this is {Name}. Mail me at {Email}; my card {Card} was charged twice. SSN {Ssn} if you need it.",
    };

    private static string Graph(string skill) => $$$"""
        name: pii-{{{skill.Replace('/', '-')}}}
        inputs:
          customer_name: { type: string }
          message: { type: string }
        nodes:
          first:
            skill: {{{skill}}}
            with:
              customer_name: ${{ inputs.customer_name }}
              message: ${{ inputs.message }}
          second:
            skill: {{{skill}}}
            needs: first
            with:
              customer_name: ${{ inputs.customer_name }}
              message: ${{ nodes.first.output.text }}
        """;

    // The model echoes the user message it received.
    private static string Echo(JsonObject request) =>
        "Echo: " + request["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "user")!["content"]!.GetValue<string>();

    /// <summary>The app with three domains — support (redact, name field customer_name), locked (block), open (off) — each with an
    /// echo skill on the local model.</summary>
    public sealed class PiiApp : LiveAppFixture
    {
        private readonly ContentTree _tree = new("agentfunctions-pii-");

        /// <inheritdoc/>
        protected override IReadOnlyDictionary<string, string> Settings => Write();

        /// <inheritdoc/>
        protected override string Answer(JsonObject request) => Echo(request);

        private Dictionary<string, string> Write()
        {
            foreach (var (domain, security) in new[] { ("support", "pii: redact\n  pii_name_fields: [customer_name]"), ("locked", "pii: block"), ("open", "pii: off") })
            {
                _tree.WriteSkill(domain, $"security:\n  {security}", "echo", "Repeat the customer's message.");
            }

            _tree.WriteGraph("pii-support-echo", Graph("support/echo"));
            return _tree.Settings;
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AgentFunctions.TestSupport;
using FsCheck;
using FsCheck.Fluent;

namespace AgentFunctions.Functions.Tests.Fuzz;

/// <summary>
/// Property-based fuzzing (FsCheck) of the app's inputs against the real app over HTTP and its real queues: 400 mutated graph
/// YAML documents and 150 malformed run requests on <c>POST /api/runs</c> get a 2xx or a 4xx problem details and never a 5xx;
/// 60 malformed run-requests messages and 50 for each of the corrections and validations queues (not base64, broken JSON, unknown
/// schemaVersion or kind, wrong types) each land in the poison queue with a reason; the app still serves a run afterwards. A failure
/// names the case (FsCheck prints the seed to replay it).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class InputFuzzTests(AppFixture fixture)
{
    private readonly AppHarness _app = fixture.Harness;

    [Fact]
    public async Task PostRun_MutatedGraphYaml_NeverAnswers5xx()
    {
        var answered = new Dictionary<int, int>();
        Prop.ForAll(GraphYamlMutations.Mutated().ToArbitrary(), c =>
        {
            var status = PostAsync(JsonContent.Create(new { graphYaml = c.Yaml }), c.Mutation).GetAwaiter().GetResult();
            answered[status] = answered.GetValueOrDefault(status) + 1;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(400));

        Assert.Equal(400, answered.Values.Sum());
        Assert.True(answered.GetValueOrDefault(400) > 100, $"too few mutations were rejected to be a test of validation: {Describe(answered)}");
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task PostRun_MalformedRunRequest_NeverAnswers5xx()
    {
        var answered = new Dictionary<int, int>();
        Prop.ForAll(MalformedRequest().ToArbitrary(), body =>
        {
            var status = PostAsync(new StringContent(body, Encoding.UTF8, "application/json"), body.Length > 80 ? body[..80] + "…" : body).GetAwaiter().GetResult();
            Assert.True(status is >= 400 and < 500, $"{status} for a malformed request: {(body.Length > 200 ? body[..200] : body)}");
            answered[status] = answered.GetValueOrDefault(status) + 1;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(150));

        Assert.Equal(150, answered.Values.Sum());
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task RunRequestQueue_MalformedMessages_EachLandsInThePoisonQueueWithAReason()
    {
        var sent = new List<(string Marker, string Text)>();
        // A queue message holds at most 64 KiB (senders of larger requests use the payload store), so larger cases are left to the HTTP test.
        Prop.ForAll(MalformedRequest().Where(b => Encoding.UTF8.GetByteCount(b) < 48_000).ToArbitrary(), body =>
        {
            var marker = Guid.NewGuid().ToString("N");
            var text = body.TrimStart().StartsWith('{') && body.TrimStart().Length > 1
                ? body.TrimStart().Insert(1, $"\"marker\":\"{marker}\",")
                : $"{body} {marker}";
            _app.Storage.Queues.GetQueueClient("run-requests").SendMessage(text);
            sent.Add((marker, text));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));

        await AssertAllDeadLetteredAsync("run-requests", sent);
        Assert.Equal(60, sent.Count);
        await AssertStillServesAsync();
    }

    [Theory]
    [InlineData("corrections")]
    [InlineData("validations")]
    public async Task LearningQueues_MalformedMessages_EachLandsInThePoisonQueueWithAReason(string queue)
    {
        var encoded = _app.Storage.Queues.GetQueueClient(queue);
        var raw = new Azure.Storage.Queues.QueueClient(_app.Azurite.ConnectionString, queue); // no base64: what a careless sender writes
        var sent = new List<(string Marker, string Text)>();
        Prop.ForAll(MalformedLearningMessage(queue).ToArbitrary(), body =>
        {
            var marker = Guid.NewGuid().ToString("N");
            var (text, notBase64) = body.StartsWith("raw:", StringComparison.Ordinal)
                ? ($"{body[4..]} {marker} ~!", true)
                : (body.TrimStart().StartsWith('{') && body.TrimStart().Length > 1 ? body.TrimStart().Insert(1, $"\"marker\":\"{marker}\",") : $"{body} {marker}", false);
            (notBase64 ? raw : encoded).SendMessage(text);
            sent.Add((marker, text));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(50));

        await AssertAllDeadLetteredAsync(queue, sent);
        Assert.Equal(50, sent.Count);
        await AssertStillServesAsync();
    }

    // Learning-queue messages that can never be handled: not base64, broken JSON, an unknown or wrong-typed schemaVersion, an unknown
    // kind, or a known kind with a required field missing or of the wrong type.
    private static Gen<string> MalformedLearningMessage(string queue)
    {
        var kinds = queue == "corrections" ? new[] { "correction.submit", "correction.stored" } : ["validation.requested"];
        var notBase64 = Gen.Elements("raw:not base64 at all", "raw:{\"kind\": \"x\"}", "raw:%%%", "raw:ünï✓💥");
        var brokenJson = Gen.Elements("", "{", "null", "[]", "\"text\"", "{\"kind\":", "{'kind': 'x'}", new string('[', 20_000));
        var badVersion =
            from version in Gen.Elements<JsonNode?>(0, 2, 99, -1, "1", null, new JsonArray(), 1.5)
            from kind in Gen.Elements(kinds)
            select new JsonObject { ["schemaVersion"] = version?.DeepClone(), ["kind"] = kind, ["skill"] = "hr/resume-screen", ["validationId"] = "VAL-1", ["correctionId"] = "COR-1", ["runId"] = "r", ["nodeId"] = "n", ["text"] = "t" }.ToJsonString();
        var badKind =
            from kind in Gen.Elements<JsonNode?>("correction.delete", "", 7, null, new JsonObject(), queue == "corrections" ? "validation.requested" : "correction.submit")
            select new JsonObject { ["schemaVersion"] = 1, ["kind"] = kind?.DeepClone(), ["skill"] = "hr/resume-screen" }.ToJsonString();
        var missingField =
            from kind in Gen.Elements(kinds)
            from skill in Gen.Elements<JsonNode?>(null, 5, "no-slash", "", new JsonArray("hr/resume-screen"))
            select new JsonObject { ["schemaVersion"] = 1, ["kind"] = kind, ["skill"] = skill?.DeepClone() }.ToJsonString();
        return Gen.OneOf(notBase64, brokenJson, badVersion, badKind, missingField);
    }

    // Receives (not peeks: a peek sees only the first 32) until every case's dead letter is found in <queue>-poison; ours are deleted.
    private async Task AssertAllDeadLetteredAsync(string queue, List<(string Marker, string Text)> sent)
    {
        var pending = sent.ToDictionary(s => s.Marker, s => s.Text);
        var poisonQueue = _app.Storage.Queues.GetQueueClient(queue + "-poison");
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            foreach (var message in (await poisonQueue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value)
            {
                var dead = JsonNode.Parse(message.Body.ToString())!.AsObject();
                var marker = pending.Keys.FirstOrDefault(m => dead["message"]!.GetValue<string>().Contains(m, StringComparison.Ordinal));
                if (marker is not null)
                {
                    Assert.False(string.IsNullOrWhiteSpace(dead["reason"]?.GetValue<string>()), $"no reason for {pending[marker]}");
                    pending.Remove(marker);
                    await poisonQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
            }

            await Task.Delay(200);
        }

        Assert.True(pending.Count == 0, $"{pending.Count} of {sent.Count} messages did not reach {queue}-poison:\n"
            + string.Join("\n", pending.Values.Select(t => t.Length > 300 ? t[..300] + "…" : t)));
    }

    // Run requests that can never be valid: broken JSON, or an object whose graph, graphYaml, inputs or runId has the wrong
    // type (a string where an object belongs and the reverse, huge or nested values) — there is always at least one such field.
    private static Gen<string> MalformedRequest()
    {
        var wrong = Gen.Elements<JsonNode?>(
            12, -1, true, 1.5e300, new JsonArray(1, 2), new JsonObject { ["a"] = "b" }, "", new string('x', 100_000), "../../etc/passwd",
            "ünï✓💥", JsonNode.Parse(new string('[', 60) + new string(']', 60)));
        var brokenJson = Gen.Elements(
            "", "{", "}", "[", "null", "[]", "\"text\"", "{\"graph\":", "{\"graph\":\"git-to-prod\"", "\u0000", "{'graph': 'x'}", "{\"graph\":\"a\",}",
            new string('[', 100_000), "{\"inputs\":" + new string('[', 20_000) + "1" + new string(']', 20_000) + "}");
        var badObject =
            from field in Gen.Elements("graph", "graphYaml", "inputs", "runId")
            from value in wrong
            from extra in Gen.Elements<string?>(null, "graph", "unknownField")
            select Render(field, value, extra);
        return Gen.OneOf(brokenJson, badObject);
    }

    private static string Render(string field, JsonNode? value, string? extra)
    {
        // A value of the right type for the field would make a valid request: keep only the wrong ones.
        var node = value?.DeepClone();
        if (field is "graph" or "graphYaml" or "runId" && node is JsonValue v && v.TryGetValue<string>(out _))
        {
            node = new JsonArray(node);
        }
        else if (field == "inputs" && node is JsonObject)
        {
            node = "not an object";
        }

        var body = new JsonObject { [field] = node };
        if (extra == "unknownField")
        {
            body["unknownField"] = 1;
        }
        else if (extra == "graph" && field != "graph")
        {
            body["graph"] = 42;
        }

        return body.ToJsonString();
    }

    private async Task<int> PostAsync(HttpContent content, string what)
    {
        using (content)
        using (var response = await _app.Http.PostAsync("api/runs", content))
        {
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{status} for {what}: {await response.Content.ReadAsStringAsync()}");
            if (status >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }

            return status;
        }
    }

    private async Task AssertStillServesAsync()
    {
        Assert.False(_app.App.HasExited);
        using var response = await _app.Http.PostAsJsonAsync("api/runs", new { graphYaml = "name: after-fuzz\nnodes:\n  a: { tool: noop }\n" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static string Describe(Dictionary<int, int> answered) => string.Join(", ", answered.OrderBy(a => a.Key).Select(a => $"{a.Key}×{a.Value}"));
}

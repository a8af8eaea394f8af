using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Auth;
using AgentFunctions.Functions.Standalone;
using AgentFunctions.TestSupport;
using Azure.Data.Tables;

namespace AgentFunctions.Functions.Tests.Security;

/// <summary>
/// API keys on the real app over HTTP: every endpoint of <see cref="AuthRouteTable"/> (which must list every authenticated function)
/// answers 401 without a key, 403 to hr keys on engineering resources, and on hr resources 403 below the role it needs and not
/// 401/403 at or above it; lists show only the key's domains; a revoked key is refused on the next request; keys are stored hashed.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AuthTests(AppFixture fixture) : IDisposable
{
    private static readonly string[] s_roles = ["reader", "runner", "admin"];
    private readonly AppHarness _app = fixture.Harness;
    private readonly HttpClient _bare = new() { BaseAddress = fixture.Harness.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(90) }; // sends no key by default

    public void Dispose() => _bare.Dispose();

    [Fact]
    public void RouteTable_ListsEveryAuthenticatedFunction()
    {
        var functions = FunctionCatalog.HttpFunctions(typeof(FunctionCatalog).Assembly)
            .Where(f => f.AuthLevel != Microsoft.Azure.Functions.Worker.AuthorizationLevel.Anonymous).Select(f => f.Name).Order().ToList();

        Assert.Equal(functions, AuthRouteTable.Rows.Select(r => r.Function).Order().ToList());
        Assert.Equal(["Health", "Ready"], FunctionCatalog.HttpFunctions(typeof(FunctionCatalog).Assembly)
            .Where(f => f.AuthLevel == Microsoft.Azure.Functions.Worker.AuthorizationLevel.Anonymous).Select(f => f.Name).Order());
    }

    [Fact]
    public async Task EveryRoute_ByRoleAndDomain_AnswersAsTheTableSays()
    {
        var engineering = await ResourcesAsync("engineering", "engineering/planner", "planner", "git-to-prod");
        var hr = await ResourcesAsync("hr", "hr/resume-screen", "resume-screen", graph: null);
        var keys = new Dictionary<string, string>();
        foreach (var role in s_roles)
        {
            keys[role] = await CreateKeyAsync($"hr {role}", role, "hr");
        }

        var failures = new List<string>();
        var checks = 0;
        foreach (var row in AuthRouteTable.Rows)
        {
            checks++;
            var anonymous = await SendAsync(row, hr, key: null);
            Expect(anonymous == HttpStatusCode.Unauthorized, $"{row.Function} without a key: {anonymous}, expected 401");
            foreach (var role in s_roles)
            {
                var own = await SendAsync(row, hr, keys[role]);
                var allowed = Array.IndexOf(s_roles, role) >= Array.IndexOf(s_roles, row.Role);
                if (row.IsList)
                {
                    Expect(allowed ? own == HttpStatusCode.OK : own == HttpStatusCode.Forbidden,
                        $"{row.Function} (list) as hr {role}: {own}, expected {(allowed ? "200" : "403")}");
                    continue;
                }

                if (hr.Graph is not null || !row.Path.Contains("{graph}", StringComparison.Ordinal))
                {
                    Expect(allowed ? own is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)own < 500 : own == HttpStatusCode.Forbidden,
                        $"{row.Function} on hr as hr {role}: {own}, expected {(allowed ? "allowed (not 401/403/5xx)" : "403")}");
                }

                var other = await SendAsync(row, engineering, keys[role]);
                Expect(other == HttpStatusCode.Forbidden, $"{row.Function} on engineering as hr {role}: {other}, expected 403");
                checks += 2;
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {checks} checks failed:\n{string.Join("\n", failures)}");

        void Expect(bool ok, string message)
        {
            if (!ok)
            {
                failures.Add(message);
            }
        }
    }

    [Fact]
    public async Task HrReader_OwnRunIs200_EngineeringRunAndKnowledgeAre403_WithAReason()
    {
        var engineering = await ResourcesAsync("engineering", "engineering/planner", "planner", "git-to-prod");
        var hr = await ResourcesAsync("hr", "hr/resume-screen", "resume-screen", graph: null);
        var reader = await CreateKeyAsync("hr reader", "reader", "hr");

        using var own = await GetAsync($"api/runs/{hr.RunId}", reader);
        using var foreign = await GetAsync($"api/runs/{engineering.RunId}", reader);
        using var knowledge = await GetAsync("api/knowledge/reflexions?skill=engineering/planner", reader);
        using var ownKnowledge = await GetAsync("api/knowledge/reflexions?skill=hr/resume-screen", reader);
        var listed = (await GetJsonAsync("api/runs", reader))["runs"]!.AsArray().Select(r => r!["runId"]!.GetValue<string>()).ToList();
        Assert.Contains(hr.RunId, listed);
        Assert.DoesNotContain(engineering.RunId, listed);
        Assert.Contains(engineering.RunId, (await GetJsonAsync("api/runs", _app.App.AdminKey))["runs"]!.AsArray().Select(r => r!["runId"]!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(["hr"], (await own.Content.ReadFromJsonAsync<JsonObject>())!["domains"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, ownKnowledge.StatusCode);
        foreach (var response in new[] { foreign, knowledge })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("forbidden", problem["code"]!.GetValue<string>());
            Assert.Contains("engineering", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Lists_ShowOnlyTheKeysDomains()
    {
        var reader = await CreateKeyAsync("hr reader (lists)", "reader", "hr");

        var skills = await GetJsonAsync("api/skills", reader);
        var domains = await GetJsonAsync("api/domains", reader);
        var graphs = await GetJsonAsync("api/graphs", reader);
        var all = await GetJsonAsync("api/skills", _app.App.AdminKey);

        Assert.Equal(["hr"], skills["skills"]!.AsArray().Select(s => s!["domain"]!.GetValue<string>()).Distinct());
        Assert.Contains(all["skills"]!.AsArray(), s => s!["domain"]!.GetValue<string>() == "engineering");
        Assert.Equal(["hr"], domains["domains"]!.AsArray().Select(d => d!["name"]!.GetValue<string>()));
        Assert.Empty(graphs["graphs"]!.AsArray()); // both shipped graphs use engineering skills
    }

    [Fact]
    public async Task RevokedKey_Is401OnTheNextRequest_AndBearerWorksLikeTheHeader()
    {
        var created = await CreateKeyJsonAsync("to revoke", "runner", "hr");
        var key = created["key"]!.GetValue<string>();
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "api/skills/hr/resume-screen");
        bearer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        using var before = await _bare.SendAsync(bearer);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        using var revoke = await SendAsync(HttpMethod.Delete, $"api/keys/{created["id"]}", null, _app.App.AdminKey);
        using var after = await GetAsync("api/skills/hr/resume-screen", key);
        using var again = await SendAsync(HttpMethod.Delete, $"api/keys/{created["id"]}", null, _app.App.AdminKey);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("revoked", (await revoke.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("revoked", (await after.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Bearer", after.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Keys_AreStoredAsHashes_AndNeverListed()
    {
        var created = await CreateKeyJsonAsync("hash check", "reader", "hr");
        var key = created["key"]!.GetValue<string>();
        var id = created["id"]!.GetValue<string>();

        var row = (await _app.Storage.Tables.GetTableClient("ApiKeys").GetEntityAsync<TableEntity>("keys", id)).Value;
        var listed = await GetJsonAsync("api/keys", _app.App.AdminKey);

        Assert.True(ApiKeySecrets.TryParse(key, out _, out var secret));
        Assert.Equal(ApiKeySecrets.Hash(secret), row.GetString("SecretSha256"));
        Assert.DoesNotContain(row, kv => kv.Value?.ToString()?.Contains(secret, StringComparison.Ordinal) == true);
        Assert.DoesNotContain(secret, listed.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(listed["keys"]!.AsArray(), k => k!["id"]!.GetValue<string>() == id);
    }

    [Theory]
    [InlineData("""{"role": "reader", "domains": ["hr"]}""", "name")]
    [InlineData("""{"name": "x", "role": "owner", "domains": ["hr"]}""", "role")]
    [InlineData("""{"name": "x", "role": "reader", "domains": []}""", "domains")]
    [InlineData("""{"name": "x", "role": "reader", "domains": ["HR!"]}""", "domains")]
    public async Task CreateKey_BadRequest_Is400NamingTheField(string body, string field)
    {
        using var response = await SendAsync(HttpMethod.Post, "api/keys", body, _app.App.AdminKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(field, problem["errors"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task DomainAdmin_CannotMintKeysBeyondItsDomains()
    {
        var hrAdmin = await CreateKeyAsync("hr admin", "admin", "hr");

        using var wider = await SendAsync(HttpMethod.Post, "api/keys", """{"name": "escalate", "role": "admin", "domains": ["*"]}""", hrAdmin);
        using var other = await SendAsync(HttpMethod.Post, "api/keys", """{"name": "escalate", "role": "reader", "domains": ["engineering"]}""", hrAdmin);
        using var own = await SendAsync(HttpMethod.Post, "api/keys", """{"name": "hr helper", "role": "runner", "domains": ["hr"]}""", hrAdmin);

        Assert.Equal(HttpStatusCode.Forbidden, wider.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
    }

    [Fact]
    public async Task HealthAndReady_NeedNoKey()
    {
        using var health = await GetAsync("api/health", key: null);
        using var ready = await GetAsync("api/ready", key: null);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private async Task<Resources> ResourcesAsync(string domain, string skill, string node, string? graph)
    {
        using var response = await SendAsync(HttpMethod.Post, $"api/skills/{skill}/execute", """{"waitSeconds": 60}""", _app.App.AdminKey);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(body["runId"] is not null, body.ToJsonString());
        var yaml = $"name: auth-{domain}\nnodes:\n  {node}:\n    skill: {skill}\n";
        return new Resources(domain, skill, node, graph, body["runId"]!.GetValue<string>(), JsonSerializer.Serialize(yaml));
    }

    private async Task<string> CreateKeyAsync(string name, string role, string domain) =>
        (await CreateKeyJsonAsync(name, role, domain))["key"]!.GetValue<string>();

    private async Task<JsonObject> CreateKeyJsonAsync(string name, string role, string domain)
    {
        using var response = await SendAsync(HttpMethod.Post, "api/keys", JsonSerializer.Serialize(new { name, role, domains = new[] { domain } }), _app.App.AdminKey);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        return body;
    }

    private async Task<HttpStatusCode> SendAsync(AuthRouteTable.Row row, Resources r, string? key)
    {
        var victim = row.Path.Contains("{key}", StringComparison.Ordinal) ? (await CreateKeyJsonAsync("victim", "reader", r.Domain))["id"]!.GetValue<string>() : "";
        string Fill(string text) => text.Replace("{run}", r.RunId, StringComparison.Ordinal).Replace("{node}", r.Node, StringComparison.Ordinal)
            .Replace("{skill}", r.Skill, StringComparison.Ordinal).Replace("{domain}", r.Domain, StringComparison.Ordinal)
            .Replace("{graph}", r.Graph ?? "none", StringComparison.Ordinal).Replace("{key}", victim, StringComparison.Ordinal)
            .Replace("{graphYaml}", r.GraphYamlJson, StringComparison.Ordinal);
        using var response = await SendAsync(new HttpMethod(row.Method), Fill(row.Path), row.Body is null ? null : Fill(row.Body), key);
        return response.StatusCode;
    }

    private Task<HttpResponseMessage> GetAsync(string path, string? key) => SendAsync(HttpMethod.Get, path, null, key);

    private async Task<JsonObject> GetJsonAsync(string path, string? key)
    {
        using var response = await GetAsync(path, key);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return body;
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, string? key)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        return _bare.SendAsync(request, HttpCompletionOption.ResponseHeadersRead); // the streams never end: read the status, not the body
    }

    private sealed record Resources(string Domain, string Skill, string Node, string? Graph, string RunId, string GraphYamlJson);
}

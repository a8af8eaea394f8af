using AgentFunctions.Core.Models;
using AgentFunctions.Core.Models.Recorded;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tests.Models;

/// <summary>Builds a real <see cref="ModelRouter"/> from configuration keys, as the app binds them.</summary>
internal static class RouterFactory
{
    public static ModelOptions Bind(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new ModelOptions();
        configuration.GetSection(ModelOptions.SectionName).Bind(options);
        return options;
    }

    public static ModelRouter Create(IDictionary<string, string?> settings, RecordingStore? store = null, TimeProvider? time = null)
    {
        var options = Options.Create(Bind(settings));
        return new ModelRouter(new ModelPool(options), options, store ?? new RecordingStore(Path.GetTempPath()), time ?? TimeProvider.System, NullLoggerFactory.Instance);
    }

    /// <summary>
    /// A provider <c>fake</c> on <paramref name="openAI"/> with three models: <c>fake/a</c> (silver, $1/$2 per 1M tokens) falls back
    /// to <c>fake/b</c> (silver, $3/$4), which falls back to <c>fake/c</c> (bronze, $0.5/$1).
    /// </summary>
    public static Dictionary<string, string?> ThreeModels(Uri openAI) => new()
    {
        ["Models:Providers:fake:Kind"] = "openai",
        ["Models:Providers:fake:Endpoint"] = openAI.ToString(),
        ["Models:Providers:fake:ApiKey"] = "test-key",
        ["Models:Routing:AttemptTimeout"] = "00:00:10",
        ["Models:Pool:fake/a:Name"] = "model-a",
        ["Models:Pool:fake/a:InputPerMillionUsd"] = "1",
        ["Models:Pool:fake/a:OutputPerMillionUsd"] = "2",
        ["Models:Pool:fake/a:Tier"] = "silver",
        ["Models:Pool:fake/a:Fallbacks:0"] = "fake/b",
        ["Models:Pool:fake/b:Name"] = "model-b",
        ["Models:Pool:fake/b:InputPerMillionUsd"] = "3",
        ["Models:Pool:fake/b:OutputPerMillionUsd"] = "4",
        ["Models:Pool:fake/b:Tier"] = "silver",
        ["Models:Pool:fake/b:Fallbacks:0"] = "fake/c",
        ["Models:Pool:fake/c:Name"] = "model-c",
        ["Models:Pool:fake/c:InputPerMillionUsd"] = "0.5",
        ["Models:Pool:fake/c:OutputPerMillionUsd"] = "1",
        ["Models:Pool:fake/c:Tier"] = "bronze",
    };

    public static Dictionary<string, string?> With(this Dictionary<string, string?> settings, string key, string? value)
    {
        settings[key] = value;
        return settings;
    }

    public static ModelCallRequest Request(string user = "Say hello.", Func<ModelCandidate, decimal, string?>? gate = null) => new(
        "engineering/planner",
        "input-key-1",
        [new ChatMessage(ChatRole.System, "You are terse."), new ChatMessage(ChatRole.User, user)],
        200,
        gate ?? ModelCallRequest.AllowAll);
}

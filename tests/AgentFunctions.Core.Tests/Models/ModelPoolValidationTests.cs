using AgentFunctions.Core.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tests.Models;

/// <summary>The pool configuration is checked at startup and every error names the setting.</summary>
public sealed class ModelPoolValidationTests
{
    private static IReadOnlyList<string> Errors(Dictionary<string, string?> settings) => ModelPool.Validate(RouterFactory.Bind(settings));

    [Fact]
    public void Validate_BuiltInDefaults_AreValid()
    {
        Assert.Empty(Errors([]));
        Assert.Empty(Errors(RouterFactory.ThreeModels(new Uri("http://127.0.0.1:9/v1"))));
    }

    [Fact]
    public void Validate_UnknownFallbackId_NamesItAndSuggestsAKnownOne()
    {
        var error = Assert.Single(Errors(new() { ["Models:Pool:openai/gpt-4o:Fallbacks:0"] = "openai/gpt-4o-mni" }));

        Assert.Contains("Models:Pool:openai/gpt-4o:Fallbacks: unknown model id 'openai/gpt-4o-mni'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NegativePrice_IsAnError()
    {
        var error = Assert.Single(Errors(new() { ["Models:Pool:openai/gpt-4o:InputPerMillionUsd"] = "-1" }));

        Assert.Contains("Models:Pool:openai/gpt-4o: prices must not be negative", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ProviderWithoutEndpoint_IsAnError()
    {
        var errors = Errors(new() { ["Models:Providers:ollama:Kind"] = "openai", ["Models:Providers:ollama:ApiKey"] = "x" });

        Assert.Contains("Models:Providers:ollama: Endpoint is required.", errors);
    }

    [Fact]
    public void Validate_FallbackCycle_NamesThePath()
    {
        var errors = Errors(new() { ["Models:Pool:openai/gpt-4o:Fallbacks:0"] = "openai/gpt-4.1" });

        Assert.Equal(["Models:Pool: fallback chains form a cycle: anthropic/claude-sonnet-4.5 → openai/gpt-4o → openai/gpt-4.1 → anthropic/claude-sonnet-4.5."], errors);
    }

    [Fact]
    public void Validate_NewModelWithoutPriceOrWithUnknownProvider_AreErrors()
    {
        var errors = Errors(new()
        {
            ["Models:Pool:local/qwen:Name"] = "qwen2.5",
            ["Models:Pool:nowhere/m:InputPerMillionUsd"] = "0",
            ["Models:Pool:nowhere/m:OutputPerMillionUsd"] = "0",
        });

        Assert.Contains("Models:Pool:local/qwen: a new model needs InputPerMillionUsd and OutputPerMillionUsd.", errors);
        Assert.Contains(errors, e => e.StartsWith("Models:Pool:nowhere/m: unknown provider 'nowhere'", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_InvalidPoolInTheContainer_FailsWithEveryError()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Models:Pool:openai/gpt-4o:OutputPerMillionUsd"] = "-5",
            ["Models:Pool:openai/gpt-4o:Fallbacks:0"] = "openai/nope",
        }).Build();
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IValidateOptions<ModelOptions>, ModelOptionsValidator>()
            .AddOptions<ModelOptions>().BindConfiguration(ModelOptions.SectionName).Services
            .BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ModelOptions>>().Value);

        Assert.Equal(2, ex.Failures.Count());
    }

    [Fact]
    public void Pool_LegacyPricesAndOverrides_MergeOverTheBuiltInEntry()
    {
        var options = Options.Create(RouterFactory.Bind(new Dictionary<string, string?>
        {
            ["Models:Prices:openai/gpt-4o-mini:InputPerMillionUsd"] = "0.2",
            ["Models:Prices:openai/gpt-4o-mini:OutputPerMillionUsd"] = "0.8",
            ["Models:Pool:openai/gpt-4o-mini:RequestsPerMinute"] = "30",
        }));

        var model = new ModelPool(options).Find("openai/gpt-4o-mini")!;

        Assert.Equal((0.2m, 0.8m, 30, 8, ModelTier.Bronze, "gpt-4o-mini"),
            (model.Price.InputPerMillionUsd, model.Price.OutputPerMillionUsd, model.RequestsPerMinute, model.MaxConcurrency, model.Tier, model.ProviderModel));
        Assert.Equal(["openai/gpt-4.1-nano"], model.Fallbacks);
    }
}

using AgentFunctions.Core;
using AgentFunctions.Core.Budgets;
using AgentFunctions.Core.Context;
using AgentFunctions.Core.Learning;
using AgentFunctions.Core.Learning.Selection;
using AgentFunctions.Core.Messaging;
using AgentFunctions.Core.Models;
using AgentFunctions.Core.Models.Recorded;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Durable;
using AgentFunctions.Core.Orchestration.Execution;
using AgentFunctions.Core.Orchestration.Storage;
using AgentFunctions.Core.Skills;
using AgentFunctions.Core.Storage;
using AgentFunctions.Core.Tools.Workspaces;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the AgentFunctions domain: storage, skills, models, tools, graphs, the graph orchestrator and its activities, the learning loop.</summary>
public static class AgentFunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Adds every AgentFunctions core service, bound from <paramref name="configuration"/>: options (sections AgentFunctions,
    /// Models, Orchestration, Budgets, Learning, Tools, Storage), the storage clients of the <c>AzureWebJobsStorage</c>
    /// connection, the Table-storage run record, and the orchestrator and activity classes a Durable Task host runs
    /// (<see cref="DurableTasks"/>). The host adds the Durable Task worker and client.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">App configuration.</param>
    /// <param name="hostingMode"><c>functions</c> or <c>standalone</c>, reported by <c>/api/health</c>.</param>
    /// <returns>The same services.</returns>
    /// <exception cref="InvalidOperationException">No storage is configured.</exception>
    public static IServiceCollection AddAgentFunctionsCore(this IServiceCollection services, IConfiguration configuration, string hostingMode)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AgentFunctionsOptions>().Bind(configuration.GetSection(AgentFunctionsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart()
            .PostConfigure(o => o.ContentRoot = Path.GetFullPath(o.ContentRoot));
        services.AddOptions<ModelOptions>().Bind(configuration.GetSection(ModelOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ModelOptions>, ModelOptionsValidator>();
        services.AddOptions<OrchestrationOptions>().Bind(configuration.GetSection(OrchestrationOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BudgetOptions>().Bind(configuration.GetSection(BudgetOptions.SectionName));
        services.AddAgentFunctionsTools(configuration);
        services.AddOptions<WorkspaceOptions>().PostConfigure<IOptions<AgentFunctionsOptions>>((o, app) =>
        {
            var root = app.Value.ContentRoot; // set, or found by walking up to the folder holding skills/ and graphs/
            o.RepositoriesRoot = string.IsNullOrWhiteSpace(o.RepositoriesRoot) ? root : Path.GetFullPath(o.RepositoriesRoot, root);
            o.WorkRoot = Path.GetFullPath(o.WorkRoot, root);
        });

        services.TryAddSingleton(TimeProvider.System);
        services.AddAgentFunctionsStorage(configuration);
        services.AddApiKeys(configuration);
        services.AddOptions<AgentFunctions.Core.Limits.LimitOptions>().Bind(configuration.GetSection(AgentFunctions.Core.Limits.LimitOptions.SectionName))
            .Validate(o => o.MaxRequestBodyBytes > 0 && o.MaxInputBytes > 0 && o.MaxGraphNodes > 0 && o.MaxGraphDepth > 0 && o.MaxForEachItems > 0, "Every Limits:* value must be positive.")
            .ValidateOnStart();
        services.AddSingleton<AgentFunctions.Core.Limits.RunSlots>();
        services.AddSingleton(sp => new HostingInfo(hostingMode, sp.GetRequiredService<StorageClients>().Connection.Label));
        services.AddSingleton<AgentFunctions.Core.Storage.StorageProbe>();
        services.TryAddSingleton<HostReadiness>();

        services.AddSingleton(sp =>
        {
            var paths = sp.GetRequiredService<IOptions<AgentFunctionsOptions>>().Value;
            return SkillCatalog.Load(paths.Resolve(paths.SkillsPath));
        });
        services.AddSingleton(sp =>
        {
            var paths = sp.GetRequiredService<IOptions<AgentFunctionsOptions>>().Value;
            return new RecordingStore(paths.Resolve(sp.GetRequiredService<IOptions<ModelOptions>>().Value.Recorded.Path));
        });
        services.AddSingleton<ModelPool>();
        services.AddSingleton<PriceTable>();
        services.AddSingleton<ModelRouter>();

        services.AddSingleton(sp =>
        {
            var catalog = sp.GetRequiredService<SkillCatalog>();
            return new DomainBudgetLimits(
                sp.GetRequiredService<IOptions<BudgetOptions>>(),
                domain => catalog.FindDomain(domain) is { } d ? new DomainLimits { DailyUsd = d.DailyBudgetUsd, MonthlyUsd = d.MonthlyBudgetUsd } : null);
        });
        services.AddSingleton<DomainBudgetStore>();
        services.TryAddSingleton<IRunStore, TableRunStore>();
        services.AddSingleton<GraphService>();
        services.AddSingleton<NodeCostEstimator>();
        services.AddSingleton<ReplayResponses>();
        services.AddOptions<AgentFunctions.Core.Safety.Pii.PiiOptions>().Bind(configuration.GetSection(AgentFunctions.Core.Safety.Pii.PiiOptions.SectionName));
        services.AddSingleton<AgentFunctions.Core.Safety.Pii.TablePiiTokenVault>();
        services.TryAddSingleton<AgentFunctions.Core.Safety.Pii.IPiiTokenVault>(sp => sp.GetRequiredService<AgentFunctions.Core.Safety.Pii.TablePiiTokenVault>());
        services.AddSingleton<SkillNodeExecutor>();
        services.AddSingleton<ToolNodeExecutor>();
        services.AddSingleton<NodeExecutor>();
        services.AddSingleton<RunService>();
        services.AddSingleton<AgentFunctions.Core.Orchestration.Streaming.RunStreams>();
        services.AddSingleton<RunRequestQueueHandler>();
        services.AddSingleton<SkillExecutionService>();
        services.AddSingleton<DeadLetterQueue>();
        services.AddSingleton<QueueMessageHandler>();

        // The orchestrators and activities, created per work item by the Durable Task host (or the Functions shells).
        foreach (var type in DurableTasks.Orchestrators.Values.Concat(DurableTasks.Activities.Values))
        {
            services.TryAddTransient(type);
        }

        // The learning loop, with the app's implementations of its seams.
        services.AddOptions<LearningModelOptions>().Bind(configuration.GetSection(LearningModelOptions.SectionName));
        services.AddSingleton<ILearningModel, LearningModel>();
        services.AddSingleton<IExecutionLookup, RunExecutionLookup>();
        services.AddSingleton<ISkillInvoker>(sp => new SkillInvoker(
            sp.GetRequiredService<SkillCatalog>(),
            sp.GetRequiredService<ModelRouter>(),
            rules => new LearnedRulesSection(LearnedRulesBlock.Render(rules), new RulesManifest([.. rules.Select(r => r.Id)], []))));
        services.AddAgentFunctionsLearning(configuration);
        return services;
    }
}

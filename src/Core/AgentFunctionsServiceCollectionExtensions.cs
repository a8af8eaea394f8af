using AgentFunctions.Core;
using AgentFunctions.Core.Budgets;
using AgentFunctions.Core.Context;
using AgentFunctions.Core.Learning;
using AgentFunctions.Core.Learning.Selection;
using AgentFunctions.Core.Hosting;
using AgentFunctions.Core.Models;
using AgentFunctions.Core.Models.Recorded;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Execution;
using AgentFunctions.Core.Orchestration.FaultInjection;
using AgentFunctions.Core.Orchestration.Storage;
using AgentFunctions.Core.Skills;
using AgentFunctions.Core.Storage;
using AgentFunctions.Core.Tools.Workspaces;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the AgentFunctions domain: storage, skills, models, tools, graphs and the durable scheduler.</summary>
public static class AgentFunctionsServiceCollectionExtensions
{
    /// <summary>Adds every AgentFunctions core service, bound from <paramref name="configuration"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">App configuration (sections AgentFunctions, Models, Orchestration, Standalone, Tools, Storage, and the AzureWebJobsStorage connection).</param>
    /// <param name="hostingMode"><c>standalone</c> or <c>custom-handler</c>, reported by <c>/api/health</c>.</param>
    /// <returns>The same services.</returns>
    /// <exception cref="InvalidOperationException">No storage is configured, or in-memory storage is asked for under the Functions host.</exception>
    public static IServiceCollection AddAgentFunctionsCore(this IServiceCollection services, IConfiguration configuration, string hostingMode)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AgentFunctionsOptions>().BindConfiguration(AgentFunctionsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart()
            .PostConfigure(o => o.ContentRoot = Path.GetFullPath(o.ContentRoot));
        services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ModelOptions>, ModelOptionsValidator>();
        services.AddOptions<OrchestrationOptions>().BindConfiguration(OrchestrationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BudgetOptions>().BindConfiguration(BudgetOptions.SectionName);
        services.AddOptions<StandaloneOptions>().BindConfiguration(StandaloneOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddAgentFunctionsTools(configuration);
        services.PostConfigure<WorkspaceOptions>(o =>
        {
            var root = Path.GetFullPath(configuration[$"{AgentFunctionsOptions.SectionName}:ContentRoot"] ?? Directory.GetCurrentDirectory());
            o.RepositoriesRoot = string.IsNullOrWhiteSpace(o.RepositoriesRoot) ? root : Path.GetFullPath(o.RepositoriesRoot, root);
            o.WorkRoot = Path.GetFullPath(o.WorkRoot, root);
        });

        services.AddSingleton(TimeProvider.System);
        var (account, label) = StorageFactory.Create(configuration, TimeProvider.System);
        if (label == "in-memory" && hostingMode == "custom-handler")
        {
            throw new InvalidOperationException(
                "Storage:Mode=InMemory cannot run under the Functions host: its queue triggers read Azure Storage. Use a storage connection (AzureWebJobsStorage).");
        }

        services.AddSingleton(account);
        services.AddSingleton(new HostingInfo(hostingMode, label));

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
        services.AddSingleton<PayloadStore>();
        services.AddSingleton<QueueSignals>();
        services.AddSingleton<RunStore>();
        services.AddSingleton<GraphService>();
        services.AddSingleton<NodeCostEstimator>();
        services.AddSingleton<ReplayResponses>();
        services.AddSingleton<SkillNodeExecutor>();
        services.AddSingleton<ToolNodeExecutor>();
        services.AddSingleton<NodeExecutor>();
        services.AddSingleton<RunStateCache>(_ => new RunStateCache());
        services.AddSingleton<CrashPoints>();
        services.AddSingleton<RunOrchestrator>();
        services.AddSingleton<WorkItemProcessor>();
        services.AddSingleton<RunService>();
        services.AddSingleton<SkillExecutionService>();
        services.AddSingleton<DeadLetterQueue>();
        services.AddSingleton<QueueHandlers>();

        // The learning loop, with the app's implementations of its seams.
        services.AddOptions<LearningModelOptions>().BindConfiguration(LearningModelOptions.SectionName);
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

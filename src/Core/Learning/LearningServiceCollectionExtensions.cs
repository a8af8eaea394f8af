using AgentFunctions.Core.Learning;
using AgentFunctions.Core.Learning.Messages;
using AgentFunctions.Core.Learning.Queries;
using AgentFunctions.Core.Learning.Storage;
using AgentFunctions.Core.Learning.Validation;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the learning loop: corrections, reflexion rules, regression tests, validation, queries and queue handlers.</summary>
public static class LearningServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="LearningOptions"/> (section <c>Learning</c>), <see cref="KnowledgeStore"/>, <see cref="LearningService"/>,
    /// <see cref="ValidationService"/>, <see cref="KnowledgeQueries"/> and <see cref="LearningQueueHandlers"/>. The app registers
    /// the seams — <see cref="ISkillInvoker"/>, <see cref="IExecutionLookup"/> and <see cref="ILearningModel"/> (without one,
    /// rules are verbatim and rubrics are not evaluated) — and <c>IStorageAccount</c> (via <c>AddAgentFunctionsCore</c>).
    /// Call <see cref="KnowledgeStore.EnsureCreatedAsync"/> at startup to create the table and queues.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">App configuration.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddAgentFunctionsLearning(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LearningOptions>().Bind(configuration.GetSection(LearningOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OrchestrationOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PayloadStore>();
        services.TryAddSingleton<ILearningModel, NoLearningModel>();
        services.TryAddSingleton<KnowledgeStore>();
        services.TryAddSingleton<LearningService>();
        services.TryAddSingleton<ValidationService>();
        services.TryAddSingleton<KnowledgeQueries>();
        services.TryAddSingleton<LearningQueueHandlers>();
        return services;
    }
}

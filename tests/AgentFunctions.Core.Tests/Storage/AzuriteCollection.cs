using AgentFunctions.TestSupport;

namespace AgentFunctions.Core.Tests.Storage;

/// <summary>Shares one Azurite process across every Azurite-backed storage test class.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Azurite";
}

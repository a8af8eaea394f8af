using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests;

/// <summary>Tests that share one Azurite and one app process.</summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}

namespace AgentFunctions.Functions.Tests.Deploy;

/// <summary>Tests that share one package made by <c>scripts/publish.sh</c>.</summary>
[CollectionDefinition(Name)]
public sealed class PublishCollection : ICollectionFixture<PublishedPackage>
{
    /// <summary>The collection name.</summary>
    public const string Name = "publish";
}

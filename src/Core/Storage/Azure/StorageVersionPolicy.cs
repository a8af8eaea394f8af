using Azure.Core;
using Azure.Core.Pipeline;

namespace AgentFunctions.Core.Storage.Azure;

/// <summary>Pins the REST API version (<c>x-ms-version</c>) of every request, and for tables the OData version headers.</summary>
internal sealed class StorageVersionPolicy : HttpPipelineSynchronousPolicy
{
    private readonly string _version;
    private readonly bool _table;

    public StorageVersionPolicy(string version, bool table)
    {
        _version = version;
        _table = table;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        base.OnSendingRequest(message);
        message.Request.Headers.SetValue("x-ms-version", _version);
        if (_table)
        {
            message.Request.Headers.SetValue("DataServiceVersion", "3.0");
            message.Request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        }
    }
}

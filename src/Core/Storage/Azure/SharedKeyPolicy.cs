using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AgentFunctions.Core.Storage.Azure;

/// <summary>
/// Signs every attempt of a request with the account key: <c>SharedKey</c> for the blob and queue services,
/// <c>SharedKeyLite</c> for the table service (as Azure.Data.Tables does). Sets <c>x-ms-date</c> first, so retries get a fresh date.
/// </summary>
internal sealed class SharedKeyPolicy : HttpPipelineSynchronousPolicy
{
    private readonly SharedKeySigner _signer;
    private readonly bool _table;

    public SharedKeyPolicy(SharedKeySigner signer, bool table)
    {
        _signer = signer;
        _table = table;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        base.OnSendingRequest(message);
        var request = message.Request;
        request.Headers.SetValue("x-ms-date", DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture));
        var stringToSign = _table
            ? SharedKeySigner.BuildSharedKeyLiteTableStringToSign(request, _signer.AccountName)
            : SharedKeySigner.BuildSharedKeyStringToSign(request, _signer.AccountName);
        var scheme = _table ? "SharedKeyLite" : "SharedKey";
        request.Headers.SetValue("Authorization", $"{scheme} {_signer.AccountName}:{_signer.Sign(stringToSign)}");
    }
}

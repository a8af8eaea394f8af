namespace AgentFunctions.Core.Storage.Azure;

/// <summary>How <c>AzureStorageAccount</c> puts message text on the wire.</summary>
public enum QueueMessageEncoding
{
    /// <summary>UTF-8 bytes, base64-encoded (the Azure Functions host's default <c>messageEncoding</c>, so queue triggers read our messages).</summary>
    Base64,

    /// <summary>The text as it is, XML-escaped (only for consumers that expect raw text; the text must be valid in XML).</summary>
    None,
}

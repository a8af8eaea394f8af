namespace AgentFunctions.Core.Safety.Pii;

/// <summary>A kind of personal data the <see cref="PiiDetector"/> finds; its token is <c>&lt;KIND_n&gt;</c> (<c>&lt;EMAIL_1&gt;</c>).</summary>
public enum PiiKind
{
    /// <summary>An e-mail address.</summary>
    Email,

    /// <summary>A payment card number (13–19 digits, spaces or dashes allowed) that passes the Luhn check.</summary>
    Card,

    /// <summary>An IBAN whose ISO 13616 mod-97 check digits are right.</summary>
    Iban,

    /// <summary>A US social security number <c>ddd-dd-dddd</c> (not area 000, 666 or 9xx, group 00 or serial 0000).</summary>
    Ssn,

    /// <summary>A phone number: 9–15 digits written with at least two separators or a leading <c>+</c>.</summary>
    Phone,

    /// <summary>An IPv4 or IPv6 address.</summary>
    Ip,

    /// <summary>A personal name given in one of the domain's <c>pii_name_fields</c>.</summary>
    Name,
}

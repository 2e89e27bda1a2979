using Microsoft.AspNetCore.Identity;

namespace Preau.Web.Modules.Accounts.Data;

/// <summary>Credentials of a person; shares its id with the person.</summary>
public sealed class PreauUser : IdentityUser<Guid>
{
    public bool MustChangePassword { get; set; }
    /// <summary>Version of the charter accepted, 0 when none.</summary>
    public int CharterVersionAccepted { get; set; }
    public DateTime? CharterAcceptedAt { get; set; }
    public bool IsDisabled { get; set; }
    public DateTime? LastLoginAt { get; set; }
    /// <summary>Young pupils keep a simple password set by their teacher.</summary>
    public bool IsPupil { get; set; }
    /// <summary>
    /// The normalized login without its collision suffix ("LEA.MARTIN" for "LEA.MARTIN12"), computed by the
    /// database and indexed, so that finding the next free login is one index lookup at any size.
    /// </summary>
    public string? LoginBase { get; private set; }
}

public enum CharterAudience
{
    Adult = 0,
    Child = 1,
}

public sealed class Charter
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public CharterAudience Audience { get; set; }
    public int Version { get; set; }
    public required string Text { get; set; }
    public DateTime PublishedAt { get; set; }
}

public enum LoginOutcome
{
    Success = 0,
    BadCredentials = 1,
    LockedOut = 2,
    Disabled = 3,
    TwoFactorRequired = 4,
    TwoFactorFailed = 5,
    RateLimited = 6,
}

public sealed class LoginEvent
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>Null when the identifier typed matched no account (never store what was typed: it may be a password).</summary>
    public Guid? UserId { get; set; }
    public string? Ip { get; set; }
    public LoginOutcome Outcome { get; set; }
}

public sealed class KnownDevice
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UserId { get; set; }
    /// <summary>SHA-256 of the device cookie; the cookie itself is never stored.</summary>
    public required string TokenHash { get; set; }
    public string? UserAgent { get; set; }
    public DateTime FirstSeenAt { get; set; }
    public DateTime LastSeenAt { get; set; }
}

/// <summary>What a person (or their legal guardian) asks under the GDPR.</summary>
public enum GdprRequestKind
{
    Access = 0,
    Rectification = 1,
    Erasure = 2,
    Objection = 3,
    Restriction = 4,
    Portability = 5,
}

/// <summary>
/// The register of GDPR requests the administrators answer (PRODUCT.md, Administration): who it concerns, what was
/// asked, by whom and when, and the answer; due a month after it was received (GDPR art. 12).
/// </summary>
public sealed class GdprRequest
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PersonId { get; set; }
    public GdprRequestKind Kind { get; set; }
    /// <summary>Who asked and how (« sa mère, par courrier »).</summary>
    public required string Requester { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public string? Notes { get; set; }
    public Guid CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public Guid? ClosedBy { get; set; }
    public string? Answer { get; set; }

    public DateOnly DueOn => ReceivedOn.AddMonths(1);
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Accounts.Login;

/// <summary>
/// The failed sign-ins of one client address over the last minute, counted in the login trail (ADR 0030). Only failures
/// count: a class of pupils signing in from their school's one public address, or families behind a mobile operator's
/// shared address in the evening, never hold each other back by succeeding. The trail is in the database, so every
/// instance sees the same count.
/// </summary>
public sealed class FailedSignIns(PreauDbContext db, TimeProvider time, FailedSignIns.Limit limit)
{
    internal static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    internal const string TooMany = "Trop d'essais manqués depuis cette connexion. Patientez une minute, puis réessayez.";

    /// <summary>Failed sign-ins allowed per client address and minute (<c>Preau:Security:FailedLoginsPerMinute</c>).</summary>
    public sealed record Limit(int PerMinute);

    public async Task<bool> AreTooManyAsync(IPAddress? address, CancellationToken ct = default)
    {
        var since = time.GetUtcNow().UtcDateTime - Window;
        var ip = address?.ToString();
        var failures = db.LoginEvents.Where(e => e.At >= since
            && e.Outcome != LoginOutcome.Success && e.Outcome != LoginOutcome.TwoFactorRequired && e.Outcome != LoginOutcome.RateLimited);
        // A request without an address (a local socket without a proxy's header) is counted with the others like it.
        failures = ip is null ? failures.Where(e => e.Ip == null) : failures.Where(e => e.Ip == ip);
        // Bounded: the database stops at the limit instead of counting a flood's every row.
        return await failures.Select(e => e.Id).Take(limit.PerMinute).CountAsync(ct) >= limit.PerMinute;
    }
}

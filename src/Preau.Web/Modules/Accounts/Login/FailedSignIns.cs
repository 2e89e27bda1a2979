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

    internal const string TooMany = "Trop d'essais manqués depuis cette connexion. Patientez une minute, puis réessayez. Élèves : attends une minute et demande de l'aide à ton enseignant.";

    /// <summary>Failed sign-ins allowed per client address and minute (<c>Preau:Security:FailedLoginsPerMinute</c>).</summary>
    public sealed record Limit(int PerMinute);

    /// <summary>
    /// The failures, as the partial index's filter (the same for both databases). EF writes the comparisons below as this
    /// very IN list, which is what lets PostgreSQL and SQLite use that index; a test compares them.
    /// </summary>
    internal const string FailureFilterSql = "\"Outcome\" IN (1, 2, 3, 5)";

    internal static readonly System.Linq.Expressions.Expression<Func<LoginEvent, bool>> IsFailure = e =>
        e.Outcome == LoginOutcome.BadCredentials || e.Outcome == LoginOutcome.LockedOut
        || e.Outcome == LoginOutcome.Disabled || e.Outcome == LoginOutcome.TwoFactorFailed;

    public async Task<bool> AreTooManyAsync(IPAddress? address, CancellationToken ct = default) =>
        // Bounded: the database stops at the limit instead of counting a flood's every row.
        await FailuresOf(db, address?.ToString(), time.GetUtcNow().UtcDateTime - Window).Take(limit.PerMinute).CountAsync(ct) >= limit.PerMinute;

    internal static IQueryable<long> FailuresOf(PreauDbContext db, string? ip, DateTime since)
    {
        var failures = db.LoginEvents.Where(IsFailure).Where(e => e.At >= since);
        // A request without an address (a local socket without a proxy's header) is counted with the others like it.
        failures = ip is null ? failures.Where(e => e.Ip == null) : failures.Where(e => e.Ip == ip);
        return failures.Select(e => e.Id);
    }
}

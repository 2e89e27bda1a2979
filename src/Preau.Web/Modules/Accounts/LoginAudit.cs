using Microsoft.Extensions.Caching.Memory;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Accounts;

/// <summary>The login trail (who, when, from where, outcome), kept one year (CNIL, LCEN).</summary>
public sealed class LoginAudit(PreauDbContext db, TimeProvider time, IHttpContextAccessor http, IMemoryCache cache, ILogger<LoginAudit> logger)
{
    private static readonly Lock RefusalGate = new();

    /// <summary>
    /// A refusal for too many attempts, written once a minute per client address (on each instance): an address that
    /// keeps knocking once refused would otherwise write a row of the year-long trail at every knock, as fast as it likes.
    /// </summary>
    public async Task RecordRefusalAsync(CancellationToken ct = default)
    {
        var key = "preau:login-refused:" + (http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "");
        bool written;
        // A burst is refused all at once: the check and the mark must be one step, or each of them writes its row.
        lock (RefusalGate)
        {
            written = cache.TryGetValue(key, out _);
            if (!written)
            {
                cache.Set(key, true, TimeSpan.FromMinutes(1));
            }
        }
        if (written)
        {
            Platform.Telemetry.PreauMeter.Logins.Add(1, new KeyValuePair<string, object?>("result", nameof(LoginOutcome.RateLimited)));
            return;
        }
        await RecordAsync(null, LoginOutcome.RateLimited, ct);
    }

    public async Task RecordAsync(Guid? userId, LoginOutcome outcome, CancellationToken ct = default)
    {
        var ip = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        db.LoginEvents.Add(new LoginEvent { At = time.GetUtcNow().UtcDateTime, UserId = userId, Ip = ip, Outcome = outcome });
        await db.SaveChangesAsync(ct);
        // Ids only: no identifier typed, no password, no name.
        logger.LogInformation("Login {Outcome} for user {UserId}", outcome, userId);
        Platform.Telemetry.PreauMeter.Logins.Add(1, new KeyValuePair<string, object?>("result", outcome.ToString()));
    }
}

using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Accounts;

/// <summary>The login trail (who, when, from where, outcome), kept one year (CNIL, LCEN).</summary>
public sealed class LoginAudit(PreauDbContext db, TimeProvider time, IHttpContextAccessor http, ILogger<LoginAudit> logger)
{
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

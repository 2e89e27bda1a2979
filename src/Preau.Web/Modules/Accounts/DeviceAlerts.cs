using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Accounts;

/// <summary>
/// Remembers the browsers an adult signs in from (a random cookie, stored hashed) and tells them when a new one appears
/// (their feed and an e-mail), so that a stolen password does not go unnoticed.
/// </summary>
public sealed class DeviceAlerts(PreauDbContext db, TimeProvider time, INotifier notifier)
{
    public const string CookieName = "preau.device";

    private static readonly System.Globalization.CultureInfo French = new("fr-FR");

    public async Task OnSignedInAsync(HttpContext http, PreauUser user, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var token = http.Request.Cookies[CookieName];
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        }
        http.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            Expires = time.GetUtcNow().AddYears(1),
        });
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var device = await db.KnownDevices.FirstOrDefaultAsync(d => d.UserId == user.Id && d.TokenHash == hash, ct);
        if (device is not null)
        {
            device.LastSeenAt = now;
            await db.SaveChangesAsync(ct);
            return;
        }
        var isFirstDevice = !await db.KnownDevices.AnyAsync(d => d.UserId == user.Id, ct);
        var agent = http.Request.Headers.UserAgent.ToString();
        db.KnownDevices.Add(new KnownDevice
        {
            UserId = user.Id,
            TokenHash = hash,
            UserAgent = agent.Length > 200 ? agent[..200] : agent,
            FirstSeenAt = now,
            LastSeenAt = now,
        });
        // The very first sign-in is expected, and pupils have no address (and sign in from the school's shared
        // computers): no alert for those. The alert is the mail; without an address there is no one to warn.
        if (!isFirstDevice && !user.IsPupil && !string.IsNullOrEmpty(user.Email))
        {
            // Through the notification outbox, committed with the device: the sign-in never waits for the mail relay (an
            // unreachable relay would hold each such sign-in for the SMTP client's timeout, at the evening peak too), and
            // a relay that is down gets the alert later instead of never.
            var at = Platform.Time.ParisDate.ToParis(now).ToString("dddd d MMMM 'à' HH:mm", French);
            notifier.Enqueue([user.Id], NotificationKind.Security,
                $"Nouvelle connexion à votre compte depuis un appareil inconnu ({DeviceName.Of(agent)}), {at}", "/compte/securite");
        }
        await db.SaveChangesAsync(ct);
    }
}

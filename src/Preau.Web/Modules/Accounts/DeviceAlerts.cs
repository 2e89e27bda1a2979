using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Mail;

namespace Preau.Web.Modules.Accounts;

/// <summary>
/// Remembers the browsers an adult signs in from (a random cookie, stored hashed) and writes to them when
/// a new one appears, so that a stolen password does not go unnoticed.
/// </summary>
public sealed class DeviceAlerts(PreauDbContext db, TimeProvider time, IMailSender mail, ILogger<DeviceAlerts> logger)
{
    public const string CookieName = "preau.device";

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
        await db.SaveChangesAsync(ct);
        // The very first sign-in is expected; pupils have no e-mail and get no alert.
        if (isFirstDevice || user.IsPupil || string.IsNullOrEmpty(user.Email))
        {
            return;
        }
        try
        {
            await mail.SendAsync(user.Email, "Préau : nouvelle connexion à votre compte",
                $"""
                Bonjour,

                Une connexion à votre compte Préau ({user.UserName}) vient d'avoir lieu depuis un appareil que nous ne connaissions pas :
                {agent}

                Si c'est vous, il n'y a rien à faire.
                Sinon, changez votre mot de passe et utilisez « Me déconnecter de tous les appareils » dans « Sécurité du compte ».
                """, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An alert that cannot be sent must not prevent the person from signing in.
            logger.LogWarning(ex, "New-device alert for user {UserId} could not be sent", user.Id);
        }
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Accounts;

internal static class AccountsModule
{
    /// <summary>The password-reset and two-factor forms: attempts per client address and minute, on each instance.</summary>
    public const string LoginRateLimit = "login";
    public const string CurrentUserItem = "preau:user";
    /// <summary>How long « Rester connecté sur cet appareil » keeps an adult signed in without a visit.</summary>
    public static readonly TimeSpan RememberedFor = TimeSpan.FromDays(30);
    public const string LeftOnItem = "preau:left-on";

    /// <summary>Whether the signed-in person of this request has left (their leaving date, read with the account, is past).</summary>
    public static bool HasLeft(HttpContext http, DateOnly today) => http.Items[LeftOnItem] is DateOnly leftOn && leftOn <= today;

    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<PreauUser>(o =>
            {
                o.Password.RequiredLength = PasswordPolicy.PupilMinLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789.-_";
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<PreauDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<FrenchIdentityErrorDescriber>()
            .AddPasswordValidator<PasswordPolicy>();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/connexion";
            o.LogoutPath = "/deconnexion";
            o.AccessDeniedPath = "/acces-refuse";
            o.Cookie.Name = "preau.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            // « Rester connecté sur cet appareil »: a month instead of twelve hours, sliding as well (the handler keeps a
            // ticket's own span when it renews it). Changing the password or « Me déconnecter de tous les appareils »
            // still ends it at the next request (the account check compares the security stamp).
            o.Events.OnSigningIn = ctx =>
            {
                if (ctx.Properties.IsPersistent && ctx.Properties.IssuedUtc is { } issued)
                {
                    ctx.Properties.ExpiresUtc = issued.Add(RememberedFor);
                }
                return Task.CompletedTask;
            };
            o.Events.OnValidatePrincipal = ValidatePrincipalAsync;
            o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
            // A signed-in person without the right gets a plain 403 (the error page explains it), not a redirect.
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o => o.Cookie.Name = "preau.2fa");

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                // The fixed window knows when it reopens; say so, as the failed sign-ins' answer does.
                if (ctx.Lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter))
                {
                    ctx.HttpContext.Response.Headers.RetryAfter =
                        ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                await ctx.HttpContext.RequestServices.GetRequiredService<LoginAudit>().RecordRefusalAsync(ct);
            };
            // Per client address and instance: the password-reset and two-factor forms (rare, and « forgot password » sends
            // mail). The sign-in form's guessing is limited by its failures in the login trail (FailedSignIns) and its
            // hashing by SignInSlots (ADR 0030, 0033). Only attempts (POST) count; showing the form does not.
            o.AddPolicy(LoginRateLimit, ctx => HttpMethods.IsGet(ctx.Request.Method)
                ? System.Threading.RateLimiting.RateLimitPartition.GetNoLimiter("display")
                : System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions
                {
                    PermitLimit = builder.Configuration.GetValue("Preau:Security:LoginAttemptsPerMinute", 30),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });

        services.AddSingleton(builder.Configuration.GetSection("Preau:Accounts").Get<Lifecycle.LifecycleOptions>() ?? new Lifecycle.LifecycleOptions());
        services.AddScoped<MyData.PersonalDataExport>();
        services.AddScoped<Lifecycle.AccountLifecycle>();
        services.AddScoped<LoginAudit>();
        services.AddSingleton(new Login.FailedSignIns.Limit(builder.Configuration.GetValue("Preau:Security:FailedLoginsPerMinute", 30)));
        services.AddScoped<Login.FailedSignIns>();
        services.AddSingleton(new Login.SignInSlots(builder.Configuration.GetValue("Preau:Security:SignInsAtOncePerAddress", 2)));
        services.AddScoped<DeviceAlerts>();
        services.AddMemoryCache();
        services.AddScoped<Charters.CharterService>();
        services.AddHostedService<Audit.LoginEventRetention>();
        services.AddHostedService<Lifecycle.PersonPurge>();
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    private sealed record AccountCheckRow(PreauUser User, DateOnly? LeftOn, long? Stamp, int UnreadNotifications, int UnreadMessages);

    // Compiled once: it runs before every signed-in request, and building and looking up its expression tree each
    // time showed in the profiles. The person's leaving date comes in the same query (every page then knows whether
    // the account is closed), and so does the access stamp under which the person's access may be cached, and the
    // header's unread notifications and the home page's unread messages (an index probe each; a separate query cost
    // more in round trips).
    private static readonly Func<PreauDbContext, Guid, Task<AccountCheckRow?>> AccountCheck = EF.CompileAsyncQuery(QueryTemplate.Expand<Func<PreauDbContext, Guid, AccountCheckRow?>>(
        (db, userId) => db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new AccountCheckRow(
                u,
                db.Persons.Where(p => p.Id == u.Id).Select(p => p.LeftOn).FirstOrDefault(),
                db.AccessStamps.Where(a => a.Id == AccessStamp.RowId).Select(a => (long?)a.Value).FirstOrDefault(),
                Notifications.Contracts.UnreadNotifications.Count.Inline(db, u.Id),
                Messaging.Contracts.UnreadMessages.Count.Inline(db, u.Id)))
            .FirstOrDefault()));

    /// <summary>
    /// Checked on every request (one primary-key read): a disabled account, a password change or "sign out of
    /// all devices" (a new security stamp) ends every other session at once.
    /// </summary>
    private static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext ctx)
    {
        var id = ctx.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = ctx.Principal?.FindFirstValue("AspNet.Identity.SecurityStamp");
        var db = ctx.HttpContext.RequestServices.GetRequiredService<PreauDbContext>();
        var row = Guid.TryParse(id, out var userId) ? await AccountCheck(db, userId) : null;
        var user = row?.User;
        if (user is null || user.IsDisabled || user.SecurityStamp != stamp)
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        ctx.HttpContext.Items[CurrentUserItem] = user;
        ctx.HttpContext.Items[LeftOnItem] = row!.LeftOn;
        Notifications.Contracts.UnreadNotifications.ReadWithAccount.Remember(ctx.HttpContext, user.Id, row.UnreadNotifications);
        Messaging.Contracts.UnreadMessages.ReadWithAccount.Remember(ctx.HttpContext, user.Id, row.UnreadMessages);
        if (row.Stamp is { } accessStamp)
        {
            ctx.HttpContext.Items[AccessContext.StampItem] = accessStamp;
        }
    }
}

using System.Net;
using OtpNet;
using Preau.IntegrationTests.Infrastructure;

namespace Preau.IntegrationTests.Accounts;

public sealed class TwoFactorTests(TestApp app)
{
    [DbFact]
    public async Task Admin_WithTwoFactor_NeedsTheCodeAfterThePassword()
    {
        var admin = await app.NewAdminAsync();
        using var session = app.NewSession();

        var afterPassword = await session.LoginAsync(admin.Login, admin.Password);
        Assert.StartsWith("/connexion/code", afterPassword.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/admin/connexions")).StatusCode);

        var wrong = await session.SubmitAsync(afterPassword.Headers.Location!.OriginalString, ("Code", "000000"));
        Assert.Contains("Ce code n'est pas valable", await UserSession.TextAsync(wrong));
        var code = new Totp(Base32Encoding.ToBytes(admin.AuthenticatorKey)).ComputeTotp();
        var ok = await session.SubmitAsync(afterPassword.Headers.Location!.OriginalString, ("Code", code));
        Assert.Equal("/", ok.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin/connexions")).StatusCode);
    }

    [DbFact]
    public async Task Admin_WithoutTwoFactor_MustEnrolBeforeAnythingElse()
    {
        var admin = await app.NewAdminAsync(withTwoFactor: false);
        using var session = app.NewSession();
        await session.LoginAsync(admin.Login, admin.Password);

        var admin1 = await session.GetAsync("/admin/connexions");
        Assert.Equal("/compte/double-authentification", admin1.Headers.Location?.OriginalString);
        var (_, page) = await session.GetPageAsync("/compte/double-authentification");
        var key = page.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var code = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();
        await session.SubmitAsync("/compte/double-authentification", ("Code", code));

        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin/connexions")).StatusCode);
        using var next = app.NewSession();
        var relogin = await next.LoginAsync(admin.Login, admin.Password);
        Assert.StartsWith("/connexion/code", relogin.Headers.Location?.OriginalString);
    }
}

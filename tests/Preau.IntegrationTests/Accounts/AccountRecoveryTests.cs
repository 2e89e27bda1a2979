using System.Net;
using Preau.IntegrationTests.Infrastructure;

namespace Preau.IntegrationTests.Accounts;

public sealed class AccountRecoveryTests(TestApp app)
{
    [DbFact]
    public async Task Admin_ResetsAnotherAdminsTwoFactor_WhoMustEnrolAgain()
    {
        var admin = await app.NewAdminAsync();
        var other = await app.NewAdminAsync();
        using var session = app.NewSession();
        await session.LoginAsync(admin.Login, admin.Password, admin.AuthenticatorKey);

        var reset = await session.SubmitAsync($"/personne/{other.Id}", [], "#reset-two-factor");

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        using var next = app.NewSession();
        var login = await next.LoginAsync(other.Login, other.Password);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        Assert.Equal("/compte/double-authentification", (await next.GetAsync("/admin/connexions")).Headers.Location?.OriginalString);
    }

    [DbFact]
    public async Task Director_UnlocksAParentLockedOutAfterTooManyAttempts()
    {
        var school = await app.NewSchoolAsync();
        using var parent = app.NewSession();
        for (var i = 0; i < 5; i++)
        {
            await parent.LoginAsync(school.GuardianA.Login, "mauvais");
        }
        Assert.Equal(HttpStatusCode.OK, (await parent.LoginAsync(school.GuardianA.Login, school.GuardianA.Password)).StatusCode);
        using var director = app.NewSession();
        await director.LoginAsync(school.Director.Login, school.Director.Password);

        await director.SubmitAsync($"/personne/{school.GuardianA.Id}", [], "#unlock");

        Assert.Equal("/", (await parent.LoginAsync(school.GuardianA.Login, school.GuardianA.Password)).Headers.Location?.OriginalString);
    }
}

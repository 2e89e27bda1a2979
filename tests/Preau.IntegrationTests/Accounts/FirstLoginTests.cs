using System.Net;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Accounts.Data;

namespace Preau.IntegrationTests.Accounts;

public sealed class FirstLoginTests(TestApp app)
{
    [DbFact]
    public async Task FirstLogin_OfAdult_AsksCharterThenNewPassword_ThenHome()
    {
        var adult = await app.NewAdultAsync(u =>
        {
            u.CharterVersionAccepted = 0;
            u.MustChangePassword = true;
        });
        using var session = app.NewSession();
        await session.LoginAsync(adult.Login, adult.Password);

        var home = await session.GetAsync("/");
        Assert.Equal("/compte/charte", home.Headers.Location?.OriginalString);
        var refused = await session.SubmitAsync("/compte/charte");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Cochez la case", await UserSession.TextAsync(refused));
        await session.SubmitAsync("/compte/charte", ("accept", "true"));

        home = await session.GetAsync("/");
        Assert.Equal("/compte/mot-de-passe", home.Headers.Location?.OriginalString);
        var weak = await session.SubmitAsync("/compte/mot-de-passe", ("Input.Current", adult.Password), ("Input.New", "court"), ("Input.Confirm", "court"));
        Assert.Contains("au moins 12 caractères", await UserSession.TextAsync(weak));
        var done = await session.SubmitAsync("/compte/mot-de-passe", ("Input.Current", adult.Password), ("Input.New", "Nouveau-Secret-42"), ("Input.Confirm", "Nouveau-Secret-42"));
        Assert.Equal("/", done.Headers.Location?.OriginalString);

        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/")).StatusCode);
        using var again = app.NewSession();
        var relogin = await again.LoginAsync(adult.Login, "Nouveau-Secret-42");
        Assert.Equal("/", relogin.Headers.Location?.OriginalString);
    }

    [DbFact]
    public async Task FirstLogin_OfPupil_ShowsChildCharterAndKeepsSimplePassword()
    {
        var school = await app.NewSchoolAsync();
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == school.PupilA.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.CharterVersionAccepted, 0).SetProperty(u => u.MustChangePassword, true)));
        using var session = app.NewSession();
        await session.LoginAsync(school.PupilA.Login, school.PupilA.Password);

        var (_, charter) = await session.GetPageAsync("/compte/charte");
        Assert.Contains("Mon mot de passe est un secret", UserSession.Text(charter));
        await session.SubmitAsync("/compte/charte", ("accept", "true"));

        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/")).StatusCode);
    }

    [DbFact]
    public async Task NewCharterVersion_IsAskedAgainOfThoseWhoAcceptedThePreviousOne()
    {
        var admin = await app.NewAdminAsync();
        var current = await app.WithDbAsync(db => db.Charters.Where(c => c.Audience == CharterAudience.Adult).MaxAsync(c => c.Version));
        var adult = await app.NewAdultAsync(u => u.CharterVersionAccepted = current);
        using var adminSession = app.NewSession();
        await adminSession.LoginAsync(admin.Login, admin.Password, admin.AuthenticatorKey);
        using var session = app.NewSession();
        await session.LoginAsync(adult.Login, adult.Password);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/")).StatusCode);

        await adminSession.SubmitAsync("/admin/charte", [new("Audience", "Adult"), new("Text", "Charte révisée : nouvelle règle sur les photos.")], "main form");

        var home = await session.GetAsync("/");
        Assert.Equal("/compte/charte", home.Headers.Location?.OriginalString);
        var (_, page) = await session.GetPageAsync("/compte/charte");
        Assert.Contains("nouvelle règle sur les photos", UserSession.Text(page));
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.IntegrationTests.Notifications;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.Notifications.Data;

namespace Preau.IntegrationTests.Accounts;

/// <summary>A sign-in from a device not seen before is told to the adult (feed and mail), through the outbox.</summary>
public sealed class DeviceAlertTests(TestApp app)
{
    private const string FirefoxOnAndroid = "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0";

    [DbFact]
    public async Task SignInFromANewDevice_IsToldInTheFeedAndByMail_EvenToAnAdultWhoChoseNoMail_WithoutTheSignInWaitingForTheRelay()
    {
        var adult = await app.NewAdultAsync();
        await app.WithDbAsync(db =>
        {
            db.Add(new EmailPreference { PersonId = adult.Id, Mode = EmailMode.Never });
            return db.SaveChangesAsync();
        });
        using (var first = app.NewSession())
        {
            await first.LoginAsync(adult.Login, adult.Password);
        }
        using var phone = app.NewSession();
        phone.Client.DefaultRequestHeaders.UserAgent.ParseAdd(FirefoxOnAndroid);

        var signIn = await phone.LoginAsync(adult.Login, adult.Password);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        // The sign-in only wrote the alert to the outbox; the dispatcher (off in tests) sends it.
        var pending = await app.WithDbAsync(db => db.NotificationOutbox.CountAsync(o => o.PersonId == adult.Id && o.ProcessedAt == null));
        Assert.Equal(1, pending);
        Assert.Null(app.MailTo(adult.Email!));
        var (_, feed) = await phone.GetPageAsync("/notifications");
        // Kept in the feed as a record, already read: the header's count does not announce it to whoever signed in.
        Assert.Contains("Nouvelle connexion à votre compte depuis un appareil inconnu (Firefox sur Android)", UserSession.Text(feed));
        Assert.Null(feed.QuerySelector("li.notif-item.unread"));

        await app.DispatchUntilDoneAsync(adult.Id);

        var alert = Assert.Single(await app.WaitMailsAsync(adult.Email!, m => (m.Subject ?? "").Contains("Nouvelle connexion")));
        Assert.Contains("Firefox sur Android", alert.Subject);
        Assert.Contains("Me déconnecter de tous les appareils", alert.TextBody);
        Assert.Contains("/compte/securite", alert.TextBody);
        Assert.Contains("quel que soit votre choix de notifications", alert.TextBody);
    }

    [DbFact]
    public async Task SignInAgainFromAKnownDevice_OrAPupilFromASecondComputer_RaisesNoAlert()
    {
        var school = await app.NewSchoolAsync();
        var adult = await app.NewAdultAsync();
        using (var browser = app.NewSession())
        {
            await browser.LoginAsync(adult.Login, adult.Password);
            await browser.SubmitAsync("/", [], "form[action='/deconnexion']");
            // The same browser keeps its device cookie after signing out.
            Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync(adult.Login, adult.Password)).StatusCode);
        }
        using (var classroom = app.NewSession())
        {
            await classroom.LoginAsync(school.PupilA.Login, school.PupilA.Password);
        }
        using (var library = app.NewSession())
        {
            await library.LoginAsync(school.PupilA.Login, school.PupilA.Password);
        }

        var alerts = await app.WithDbAsync(db => db.NotificationItems
            .CountAsync(i => (i.PersonId == adult.Id || i.PersonId == school.PupilA.Id) && i.Kind == NotificationKind.Security));
        Assert.Equal(0, alerts);
        var devices = await app.WithDbAsync(db => db.KnownDevices.CountAsync(d => d.UserId == adult.Id));
        Assert.Equal(1, devices);
    }

    [DbFact]
    public async Task SecurityPage_ShowsTheSignInsInParisTime_AsTheAlertMailSaysIt()
    {
        var adult = await app.NewAdultAsync();
        using var session = app.NewSession();
        await session.LoginAsync(adult.Login, adult.Password);
        var at = await app.WithDbAsync(db => db.LoginEvents.Where(e => e.UserId == adult.Id).Select(e => e.At).SingleAsync());

        var (status, page) = await session.GetPageAsync("/compte/securite");

        Assert.Equal(HttpStatusCode.OK, status);
        // Not the server's own zone (UTC on most servers): the time a family reads on the clock.
        var expected = Preau.Web.Platform.Time.ParisDate.ToParis(at).ToString("dddd d MMMM yyyy HH:mm", new System.Globalization.CultureInfo("fr-FR"));
        Assert.Contains(expected, UserSession.Text(page));
    }
}

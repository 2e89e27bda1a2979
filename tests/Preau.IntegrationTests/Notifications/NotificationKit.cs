using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Notifications;

namespace Preau.IntegrationTests.Notifications;

/// <summary>
/// Runs dispatch passes as the background loop would (it is off in tests). The database is shared with tests running
/// at the same time, whose passes may handle our rows too: we wait (bounded) until our recipients' rows are processed.
/// </summary>
internal static class NotificationKit
{
    public static NotificationDispatcher Dispatcher(this TestApp app) => app.Services.GetRequiredService<NotificationDispatcher>();

    public static async Task DispatchUntilDoneAsync(this TestApp app, params Guid[] personIds)
    {
        for (var i = 0; i < 100; i++)
        {
            await app.Dispatcher().DispatchOnceAsync(onlyFor: personIds);
            var pending = await app.WithDbAsync(db => db.NotificationOutbox.CountAsync(o => personIds.Contains(o.PersonId) && o.ProcessedAt == null));
            if (pending == 0)
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail("The outbox rows of these persons were not processed.");
    }

    public static IReadOnlyList<MimeMessage> MailsTo(this TestApp app, string address) =>
        [.. app.Mails.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Waits (bounded) until at least <paramref name="count"/> mails matching reached the SMTP server.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> WaitMailsAsync(this TestApp app, string address, Func<MimeMessage, bool> match, int count = 1)
    {
        for (var i = 0; i < 50; i++)
        {
            var found = app.MailsTo(address).Where(match).ToList();
            if (found.Count >= count)
            {
                return found;
            }
            await Task.Delay(100);
        }
        return [.. app.MailsTo(address).Where(match)];
    }
}

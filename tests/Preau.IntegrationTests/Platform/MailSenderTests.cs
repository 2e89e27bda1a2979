using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Platform.Mail;

namespace Preau.IntegrationTests.Platform;

/// <summary>The SMTP side of mail, against a real SMTP server on loopback (no database).</summary>
public sealed class MailSenderTests
{
    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";
        public string ApplicationName { get; set; } = "Preau.Web";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }

    [Fact]
    public async Task ABatch_SendsItsMailsOverOneConnection_ForAHundredAtATime_EveryMailArrives()
    {
        await using var smtp = new SmtpSink();
        await smtp.StartAsync();
        var sender = new MailSender(new MailOptions { SmtpHost = "127.0.0.1", SmtpPort = smtp.Port }, new ConfigurationBuilder().Build(), new Environment(), NullLogger<MailSender>.Instance);
        var ct = TestContext.Current.CancellationToken;

        await using (var batch = sender.StartBatch())
        {
            for (var i = 0; i < MailSender.MessagesPerConnection + 20; i++)
            {
                await batch.SendAsync($"parent{i}@example.org", $"Mot {i}", "Du nouveau vous attend dans Préau.", ct);
            }
        }
        await sender.SendAsync("seul@example.org", "Seul", "Un seul mail.", ct);

        Assert.Equal(MailSender.MessagesPerConnection + 21, smtp.Messages.Count);
        Assert.Contains(smtp.Messages, m => m.Subject == $"Mot {MailSender.MessagesPerConnection + 19}" && m.To.ToString() == $"parent{MailSender.MessagesPerConnection + 19}@example.org");
        // 120 mails in two connections, then one for the single mail (it was 121 connections, one per mail).
        Assert.Equal(3, smtp.Sessions);
    }
}

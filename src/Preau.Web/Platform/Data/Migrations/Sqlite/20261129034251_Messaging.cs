using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Preau.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Messaging : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "messaging_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ThreadId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SenderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SenderState = table.Column<int>(type: "INTEGER", nullable: false),
                    SenderIsPupil = table.Column<bool>(type: "INTEGER", nullable: false),
                    RecipientSummary = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DraftRecipients = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    InReplyToId = table.Column<Guid>(type: "TEXT", nullable: true),
                    HiddenAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HiddenBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_messaging_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "messaging_recipients",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_messaging_recipients", x => new { x.MessageId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_messaging_recipients_messaging_messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "messaging_messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "messaging_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReporterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Hidden = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_messaging_reports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_messaging_reports_messaging_messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "messaging_messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "messaging_report_scopes",
                columns: table => new
                {
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ScopeType = table.Column<int>(type: "INTEGER", nullable: false),
                    ScopeId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_messaging_report_scopes", x => new { x.ReportId, x.ScopeType, x.ScopeId });
                    table.ForeignKey(
                        name: "FK_messaging_report_scopes_messaging_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "messaging_reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_messaging_messages_SenderId_SenderState_SentAt",
                table: "messaging_messages",
                columns: new[] { "SenderId", "SenderState", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_messaging_messages_ThreadId",
                table: "messaging_messages",
                column: "ThreadId");

            migrationBuilder.CreateIndex(
                name: "IX_messaging_recipients_PersonId_State_SentAt",
                table: "messaging_recipients",
                columns: new[] { "PersonId", "State", "SentAt" },
                descending: new[] { false, false, true });

            migrationBuilder.CreateIndex(
                name: "IX_messaging_report_scopes_ScopeType_ScopeId",
                table: "messaging_report_scopes",
                columns: new[] { "ScopeType", "ScopeId" });

            migrationBuilder.CreateIndex(
                name: "IX_messaging_reports_CreatedAt",
                table: "messaging_reports",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_messaging_reports_MessageId_ClosedAt",
                table: "messaging_reports",
                columns: new[] { "MessageId", "ClosedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "messaging_recipients");

            migrationBuilder.DropTable(
                name: "messaging_report_scopes");

            migrationBuilder.DropTable(
                name: "messaging_reports");

            migrationBuilder.DropTable(
                name: "messaging_messages");
        }
    }
}

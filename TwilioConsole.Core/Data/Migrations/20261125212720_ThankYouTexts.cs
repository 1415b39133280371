using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TwilioConsole.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ThankYouTexts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ThankYouTexts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TaskSid = table.Column<string>(type: "TEXT", maxLength: 34, nullable: false),
                    EventType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CustomerNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CustomerName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    QueueName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    AgentName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Body = table.Column<string>(type: "TEXT", maxLength: 1600, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SkipReason = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AttemptStartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastErrorCode = table.Column<int>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    MessageSid = table.Column<string>(type: "TEXT", maxLength: 34, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThankYouTexts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ThankYouTexts_CreatedAt",
                table: "ThankYouTexts",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ThankYouTexts_Status_NextAttemptAt",
                table: "ThankYouTexts",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ThankYouTexts_TaskSid",
                table: "ThankYouTexts",
                column: "TaskSid",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ThankYouTexts");
        }
    }
}

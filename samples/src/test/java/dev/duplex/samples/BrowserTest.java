package dev.duplex.samples;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static dev.duplex.samples.JdkSocket.TIMEOUT_SECONDS;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The pages in a real browser: headless Chromium driven by Selenium (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs). Two chat pages join with two nicknames and each sees
 * the other's messages; the ticker page shows quotes that keep changing. Screenshots of both pages go to the
 * directory named by the system property {@code duplex.screenshots} (the README's come from
 * {@code -Dduplex.screenshots=$PWD/samples/docs}).
 *
 * <p>Without a chromedriver the tests are skipped, except on CI ({@code CI} set), where they fail.
 */
class BrowserTest {

    private static final Path CHROMEDRIVER = Path.of(System.getProperty("duplex.chromedriver",
            "/usr/bin/chromedriver"));
    private static final Path CHROMIUM = Path.of(System.getProperty("duplex.chromium", "/usr/bin/chromium"));
    private static final Duration WAIT = Duration.ofSeconds(TIMEOUT_SECONDS);

    private static SamplesServer server;
    private final List<WebDriver> browsers = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        boolean installed = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
        if (System.getenv("CI") == null) {
            assumeTrue(installed, "no " + CHROMEDRIVER + " or " + CHROMIUM
                    + ": apt-get install chromium chromium-driver");
        }
        server = SamplesServer.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeBrowsers() throws IOException {
        browsers.forEach(WebDriver::quit);
        for (Path profile : profiles) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void twoChatPagesSeeEachOthersMessages() throws Exception {
        WebDriver alice = browser();
        WebDriver bob = browser();
        join(alice, "alice");
        join(bob, "bob");
        awaitLog(alice, "bob joined");

        say(alice, "Hi Bob! This page talks to Duplex on Tomcat.");
        awaitLog(bob, "alice: Hi Bob! This page talks to Duplex on Tomcat.");
        say(bob, "Hello Alice, I see you \u2014 and the JSON arrives as it should.");
        awaitLog(alice, "bob: Hello Alice, I see you \u2014 and the JSON arrives as it should.");
        say(alice, "FOO");  // a message is sent as PRIVMSG: the text may well look like a command
        awaitLog(bob, "alice: FOO");

        screenshot(alice, "chat.png");
    }

    @Test
    void theTickerPageShowsQuotesThatKeepChanging() throws Exception {
        WebDriver page = browser();
        page.get(server.httpUrl("ticker.html"));
        By price = By.id("price-ACME");
        new WebDriverWait(page, WAIT).until(ExpectedConditions.not(ExpectedConditions.textToBe(price, "\u2014")));
        String first = page.findElement(price).getText();
        new WebDriverWait(page, WAIT).until(ExpectedConditions.not(ExpectedConditions.textToBe(price, first)));
        new WebDriverWait(page, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("info"),
                "Subscribed to ACME, GLOBEX, INITECH, UMBRELLA."));
        // Enough points for the sparklines (about 3 s of quotes) before the screenshot.
        new WebDriverWait(page, WAIT).until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                "return Math.min(...Object.values(series).map(points => points.length));")).intValue() >= 30);

        screenshot(page, "ticker.png");
    }

    private WebDriver browser() throws IOException {
        Path profile = Files.createTempDirectory("duplex-chromium-");
        profiles.add(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1000,720", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        browsers.add(driver);
        return driver;
    }

    private static void join(WebDriver page, String nick) {
        page.get(server.httpUrl("chat.html"));
        new WebDriverWait(page, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("nick"))).sendKeys(nick);
        page.findElement(By.id("join-button")).click();
        awaitLog(page, nick + " joined");
    }

    private static void say(WebDriver page, String text) {
        new WebDriverWait(page, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("message"))).sendKeys(text);
        page.findElement(By.id("send")).click();
    }

    private static void awaitLog(WebDriver page, String line) {
        new WebDriverWait(page, WAIT).until(d -> d.findElements(By.cssSelector("#log li")).stream()
                .anyMatch(item -> item.getText().equals(line)));
    }

    private static void screenshot(WebDriver page, String name) throws IOException {
        Path dir = Path.of(System.getProperty("duplex.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), ((TakesScreenshot) page).getScreenshotAs(OutputType.BYTES));
    }
}

package dev.smtpdoctor.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.demo.DemoOptions;
import dev.smtpdoctor.report.Language;
import dev.smtpdoctor.testing.TestMtas;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The local page end to end in a real browser: Debian's {@code chromium} driven headless through
 * {@code chromium-driver}, against {@code serve --demo}'s embedded mail servers. When chromium is not installed
 * the test is skipped, except where the test servers are required ({@link TestMtas#required()}: CI,
 * {@code SMTPDOCTOR_REQUIRE_TEST_MTAS=1}), where it fails. Screenshots of each language's answer go to
 * {@code target/web-screenshots} ({@code -Dsmtpdoctor.web.screenshots=docs} puts them into docs/).
 */
class WebPageIT {

    private static final String CANARY = "Canary-pw-Zq81!x";
    private static final String PROVIDER = "sv1234.demo-hosting.test";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final StringWriter LOG = new StringWriter();
    private static WebServer server;
    private static Path chromium;
    private static Path driverBinary;
    private WebDriver driver;

    @BeforeAll
    static void start() throws IOException {
        // -Dsmtpdoctor.web.chromium=PATH (and .chromedriver) name them exactly; else $CHROME_BIN, then Debian's places.
        String chosen = System.getProperty("smtpdoctor.web.chromium");
        String chosenDriver = System.getProperty("smtpdoctor.web.chromedriver");
        chromium = chosen != null ? firstExisting(chosen)
                : firstExisting(System.getenv("CHROME_BIN"), "/usr/bin/chromium", "/usr/lib/chromium/chromium");
        driverBinary = chosenDriver != null ? firstExisting(chosenDriver)
                : firstExisting(System.getenv("CHROMEDRIVER"), "/usr/bin/chromedriver");
        if (chromium == null || driverBinary == null) {
            String why = "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver; "
                    + "scripts/install-test-deps.sh does)";
            if (TestMtas.required()) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why + " (skipped outside CI; SMTPDOCTOR_REQUIRE_TEST_MTAS=1 makes this a failure)");
        }
        DemoRunner demo = new DemoRunner(DemoOptions.withGreetingDelay(Duration.ofSeconds(2)));
        server = WebServer.start(new WebConfig(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0, Language.EN, demo,
                demo.examples(), "test", 2, new PrintWriter(LOG, true)));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    private static Path firstExisting(String... candidates) {
        for (String c : candidates) {
            if (c != null && Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        return null;
    }

    private WebDriver browser(String acceptLanguage) {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(chromium.toFile());
        // As root (CI) chromium needs --no-sandbox; nothing but the page on 127.0.0.1 is opened.
        o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1000,1000", "--lang=" + acceptLanguage, "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-sync", "--disable-component-update");
        o.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverBinary.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    private WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    private void type(String id, String text) {
        WebElement e = byId(id);
        e.clear();
        e.sendKeys(text);
    }

    /** Gmail's SMTP step as the shared-hosting user filled it in, submitted with Enter from the password field. */
    private void fillSharedHosting(String password) {
        new Select(byId("scenario")).selectByValue("shared-hosting");
        type("address", "taro@example-shop.test");
        type("server", "mail.example-shop.test");
        new Select(byId("port")).selectByValue("587");
        type("username", "taro@example-shop.test");
        byId("sec-tls").click();
        type("password", password);
        byId("password").sendKeys(Keys.ENTER);
    }

    private void awaitResult() {
        new WebDriverWait(driver, WAIT).until(d -> byId("result").isDisplayed());
    }

    @Test
    void sharedHostingShowsProgressThenTheCertificatesServerNameWithWorkingCopyButtons() throws IOException {
        browser("en-US").get(server.uri().toString());
        assertThat(driver.findElement(By.cssSelector("label[for=server]")).getText()).isEqualTo("SMTP Server");
        fillSharedHosting("demo-password-1234");
        awaitResult();
        List<WebElement> steps = driver.findElements(By.cssSelector("#progress-list li"));
        assertThat(steps).hasSizeGreaterThan(10);
        assertThat(byId("progress-status").getText()).matches("Done: \\d+ steps\\.");
        assertThat(byId("value-server").getText()).isEqualTo(PROVIDER);
        assertThat(byId("value-port").getText()).isEqualTo("465");
        assertThat(byId("result-body").getText()).contains("Secured connection using SSL",
                "accepted your login in this test", "Certificate is for another name", "What Gmail would say");
        // The answer comes first: the values before the findings' cards.
        assertThat((Long) js("return document.querySelector('#result-body .answer')"
                + ".compareDocumentPosition(document.querySelector('#result-body section.findings'));") & 4).isEqualTo(4L);
        assertThat(driver.findElement(By.cssSelector("section.findings")).getText()).contains("Certificate is for another name");
        // The copy button, used from the keyboard, puts the value on the clipboard: paste it back to see.
        WebElement copy = driver.findElement(By.cssSelector("button.copy[data-field=server]"));
        assertThat(copy.getAttribute("aria-label")).isEqualTo("Copy: SMTP Server");
        copy.sendKeys(Keys.ENTER);
        new WebDriverWait(driver, WAIT).until(d -> copy.getText().equals("Copied"));
        WebElement area = byId("error-text");
        area.click();
        area.sendKeys(Keys.chord(Keys.CONTROL, "v"));
        assertThat(area.getAttribute("value")).isEqualTo(PROVIDER);
        area.clear();
        // The matrix and the conversations are there, folded away.
        assertThat(driver.findElements(By.cssSelector("details.matrix:not([open]) tbody tr"))).hasSizeGreaterThan(3);
        assertThat(driver.findElements(By.cssSelector("details.transcript:not([open]) pre"))).isNotEmpty();
        screenshot("web-result-en.png");
        // Phone width: nothing wider than the screen.
        driver.manage().window().setSize(new Dimension(390, 844));
        assertThat((Boolean) js("return document.documentElement.scrollWidth <= document.documentElement.clientWidth;"))
                .isTrue();
    }

    @Test
    void progressIsShownWhileTheCheckRuns() {
        browser("en-US").get(server.uri().toString());
        // The greeting-delay scenario's servers greet after 2 s: steps arrive while the answer is still to come.
        new Select(byId("scenario")).selectByValue("greeting-delay");
        byId("fill").click();
        assertThat(byId("address").getAttribute("value")).isEqualTo("taro@example-shop.test");
        byId("diagnose").click();
        new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#progress-list li")).isEmpty());
        assertThat(byId("result").isDisplayed()).isFalse();
        assertThat(byId("progress-status").getText()).matches("\\d+ steps done");
        awaitResult();
        assertThat(byId("result-body").getText()).contains("Your settings are right");
    }

    @Test
    void withOnlyTheAddressTheServerIsFound() {
        browser("en-US").get(server.uri().toString());
        byId("address-only").click();
        assertThat(byId("server").isDisplayed()).isFalse();
        type("address", "taro@example-shop.test");
        type("password", "demo-password-1234");
        byId("diagnose").click();
        awaitResult();
        assertThat(byId("value-server").getText()).isEqualTo(PROVIDER);
    }

    @Test
    void aCertificateNameNobodyConfirmedIsConfirmedWithAButton() throws IOException {
        // As in a real check: the provider's name is not confirmed beforehand, so the page must ask.
        DemoRunner unconfirmed = new DemoRunner(DemoOptions.DEFAULT, false);
        try (WebServer real = WebServer.start(new WebConfig(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0,
                Language.EN, unconfirmed, unconfirmed.examples(), "test", 2, new PrintWriter(LOG, true)))) {
            browser("en-US").get(real.uri().toString());
            fillSharedHosting("demo-password-1234");
            awaitResult();
            assertThat(byId("result-body").getText()).contains("Your password was NOT tested")
                    .doesNotContain("--trust-certificate-name");
            WebElement yes = byId("confirm-name");
            assertThat(yes.getText()).contains(PROVIDER);
            yes.click();
            new WebDriverWait(driver, WAIT).until(d -> byId("result").isDisplayed()
                    && byId("result-body").getText().contains("accepted your login in this test"));
            assertThat(byId("value-server").getText()).isEqualTo(PROVIDER);
        }
    }

    @Test
    void aPastedGmailErrorIsExplained() {
        browser("en-US").get(server.uri().toString());
        type("error-text", "TLS Negotiation failed, the certificate doesn't match the host., code: 550");
        byId("explain").click();
        new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#explain-result article")).isEmpty());
        assertThat(byId("explain-result").getText()).contains("Gmail could not verify the server's certificate");
    }

    @Test
    void theJapanesePageSpeaksJapanese() throws IOException {
        browser("ja").get(server.uri().toString());
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ja");
        assertThat(driver.findElement(By.cssSelector("label[for=server]")).getText()).isEqualTo("SMTP サーバー");
        assertThat(driver.findElement(By.cssSelector("label[for=sec-tls]")).getText())
                .isEqualTo("TLS を使用したセキュリティで保護された接続（推奨）");
        assertThat(byId("diagnose").getText()).isEqualTo("診断する");
        fillSharedHosting("demo-password-1234");
        awaitResult();
        assertThat(byId("value-server").getText()).isEqualTo(PROVIDER);
        assertThat(byId("result-body").getText()).contains("SSL を使用したセキュリティで保護された接続", "ログイン");
        screenshot("web-result-ja.png");
        // The switch: English on request.
        driver.findElement(By.cssSelector("a[hreflang=en]")).click();
        assertThat(driver.findElement(By.cssSelector("label[for=server]")).getText()).isEqualTo("SMTP Server");
    }

    @Test
    void requestsWithoutTheTokenOrFromElsewhereAreRefused() throws IOException {
        browser("en-US").get(server.uri().toString());
        Object status = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/diagnose', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
                        + " body: 'address=taro%40example-shop.test'}).then(r => r.text().then(t => done(r.status + ' ' + t)));");
        assertThat(status.toString()).startsWith("403 ").contains("reload it");
        int port = server.uri().getPort();
        String token = (String) js("return document.querySelector('meta[name=\"csrf-token\"]').content;");
        Map<String, String> h = new java.util.LinkedHashMap<>(Map.of("Content-Type", "application/x-www-form-urlencoded",
                CsrfTokens.HEADER, token, "Host", "rebound.example:" + port));
        assertThat(RawHttp.post(port, "/api/explain", h, "text=x").status()).isEqualTo(421);
        h.put("Host", "127.0.0.1:" + port);
        h.put("Origin", "http://evil.example");
        assertThat(RawHttp.post(port, "/api/explain", h, "text=x").status()).isEqualTo(403);
        h.remove("Origin");
        assertThat(RawHttp.post(port, "/api/explain", h, "text=x").status()).isEqualTo(200);
    }

    @Test
    void thePasswordCanaryAppearsNowhere() throws IOException {
        browser("en-US").get(server.uri().toString());
        fillSharedHosting(CANARY);
        awaitResult();
        assertThat(byId("result-body").getText()).isNotBlank();
        assertThat(driver.getPageSource()).doesNotContain(CANARY);
        assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContain(CANARY);
        // The response itself, as the browser received it, once more by hand.
        int port = server.uri().getPort();
        String token = (String) js("return document.querySelector('meta[name=\"csrf-token\"]').content;");
        RawHttp.Response r = RawHttp.post(port, "/api/diagnose", Map.of("Content-Type", "application/x-www-form-urlencoded",
                CsrfTokens.HEADER, token), "address=taro%40example-shop.test&server=mail.example-shop.test&port=587"
                + "&security=tls&password=" + CANARY.replace("!", "%21"));
        assertThat(r.body()).contains("event: result");
        assertThat(r.raw()).doesNotContain(CANARY);
        assertThat(LOG.toString()).doesNotContain(CANARY);
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    /** The answer as the user sees it: the result box, the window made tall enough to hold it. */
    private void screenshot(String name) throws IOException {
        driver.manage().window().setSize(new Dimension(820, 1000));
        js("document.activeElement.blur(); window.scrollTo(0, 0);");
        long height = (Long) js("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
        driver.manage().window().setSize(new Dimension(820, (int) Math.min(height + 40, 8000)));
        File shot = byId("result").getScreenshotAs(OutputType.FILE);
        Path dir = Path.of(System.getProperty("smtpdoctor.web.screenshots", "target/web-screenshots"));
        Files.createDirectories(dir);
        Files.copy(shot.toPath(), dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        driver.manage().window().setSize(new Dimension(1000, 1000));
    }
}

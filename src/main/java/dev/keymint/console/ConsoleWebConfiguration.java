package dev.keymint.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the console, static files in the jar, at {@code /console/}; {@code /} leads there.
 * The file names carry no version, so every file is revalidated on each use ({@code no-cache})
 * against an ETag of its content: an upgraded keymint is picked up at once, an unchanged file
 * costs a 304. The modification time is not used, since a reproducible build stamps every jar
 * entry with the same one.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleWebConfiguration implements WebMvcConfigurer {

    static final String ROOT = "/console";

    /**
     * The redirects name a relative location, so that they lead to the console through whatever
     * host name and port the browser used (a proxy in front of keymint, say), which an absolute
     * one built from the request's Host header does not.
     */
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/", ROOT + "/").setStatusCode(HttpStatus.FOUND);
        registry.addRedirectViewController(ROOT, ROOT + "/").setStatusCode(HttpStatus.FOUND);
        registry.addViewController(ROOT + "/").setViewName("forward:" + ROOT + "/index.html");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(ROOT + "/**")
                .addResourceLocations("classpath:/console/")
                .setCacheControl(CacheControl.noCache())
                .setUseLastModified(false)
                .setEtagGenerator(new ContentEtags());
    }
}

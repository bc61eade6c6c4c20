package dev.keymint.signing;

import java.security.Provider;
import java.security.Security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** Who signs, for each value of {@code keymint.signing.provider}, with and without a native provider. */
class SignatureProviderSelectionTest {

    // a stand-in for the native provider: any provider object that can sign RS256
    static final Provider STAND_IN = Security.getProvider("SunRsaSign");
    static final NativeProviderProbe AVAILABLE = () -> NativeProviderProbe.Result.available(STAND_IN);
    static final NativeProviderProbe UNAVAILABLE =
            () -> NativeProviderProbe.Result.unavailable("no native library for this machine");

    @Test
    void autoSignsWithTheNativeProviderWhenItIsAvailable() throws Exception {
        SignatureProvider provider = SignatureProviderSelection.select(SigningProperties.Provider.AUTO, AVAILABLE);

        assertThat(provider.isNative()).isTrue();
        assertThat(provider.kind()).isEqualTo("native");
        assertThat(provider.requested()).isEqualTo(SigningProperties.Provider.AUTO);
        assertThat(provider.nativeUnavailable()).isNull();
        assertThat(provider.newSignature(SigningAlgorithm.RS256).getProvider()).isSameAs(STAND_IN);
    }

    @Test
    void autoFallsBackToTheJdkProvidersWhenTheNativeOneIsUnavailable() throws Exception {
        SignatureProvider provider = SignatureProviderSelection.select(SigningProperties.Provider.AUTO, UNAVAILABLE);

        assertThat(provider.isNative()).isFalse();
        assertThat(provider.kind()).isEqualTo("jdk");
        assertThat(provider.requested()).isEqualTo(SigningProperties.Provider.AUTO);
        assertThat(provider.nativeUnavailable()).isEqualTo("no native library for this machine");
        assertThat(provider.newSignature(SigningAlgorithm.ES256).getProvider().getName())
                .isEqualTo(java.security.Signature.getInstance("SHA256withECDSAinP1363Format").getProvider().getName());
    }

    @Test
    void nativeSignsWithTheNativeProviderWhenItIsAvailable() {
        SignatureProvider provider = SignatureProviderSelection.select(SigningProperties.Provider.NATIVE, AVAILABLE);

        assertThat(provider.isNative()).isTrue();
        assertThat(provider.requested()).isEqualTo(SigningProperties.Provider.NATIVE);
    }

    @Test
    void nativeStopsTheStartWithWhatToDoWhenTheNativeProviderIsUnavailable() {
        assertThatThrownBy(() -> SignatureProviderSelection.select(SigningProperties.Provider.NATIVE, UNAVAILABLE))
                .isInstanceOfSatisfying(NativeSigningUnavailableException.class, e -> {
                    assertThat(e.getMessage()).contains("keymint.signing.provider=native")
                            .contains("no native library for this machine");
                    FailureAnalysis analysis = new NativeSigningUnavailableFailureAnalyzer().analyze(e);
                    assertThat(analysis.getDescription()).contains("no native library for this machine");
                    assertThat(analysis.getAction()).contains("keymint.signing.provider").contains("'auto'")
                            .contains("'jdk'");
                });
    }

    @Test
    void jdkNeverLoadsTheNativeProvider() {
        SignatureProvider provider = SignatureProviderSelection.select(SigningProperties.Provider.JDK, () -> {
            fail("the native provider was probed although keymint.signing.provider=jdk");
            return null;
        });

        assertThat(provider.isNative()).isFalse();
        assertThat(provider.requested()).isEqualTo(SigningProperties.Provider.JDK);
        assertThat(provider.nativeUnavailable()).isNull();
    }

    @Test
    void theNativeProviderLoadsWhereKeymintShipsItAndNowhereElse() {
        NativeProviderProbe.Result result = NativeProviderProbe.amazonCorrettoCryptoProvider();

        if (NativeSigningTest.shipsNativeSigning()) {
            assertThat(result.unavailable()).isNull();
            assertThat(result.provider().getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        } else {
            assertThat(result.provider()).isNull();
            assertThat(result.unavailable()).contains(System.getProperty("os.name"));
        }
    }
}

import { useEffect } from 'react';
import { Button, View } from 'react-native';
import { startAttribution } from './src/attribution';
import { onCheckout, onScreen } from './src/analytics';

export default function App() {
  useEffect(() => {
    void startAttribution();
    void onScreen('Home');
  }, []);
  return (
    <View>
      <Button title="Checkout" onPress={() => onCheckout(49.9)} />
    </View>
  );
}
